package io.netpipe.sender;

import java.util.List;

/**
 * A sending session at one moment, immutable: totals and one row per receiver. The sender agent publishes one
 * a few times a second; any thread may read the latest (see {@link Sender#snapshot()}).
 *
 * @param takenNs   when it was taken, on the agent's clock.
 * @param progress  the totals.
 * @param receivers one row per receiver, by id.
 */
public record SenderSnapshot(long takenNs, SenderProgress progress, List<ReceiverSnapshot> receivers)
{
}
