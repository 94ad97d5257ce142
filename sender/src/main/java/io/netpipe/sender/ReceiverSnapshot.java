package io.netpipe.sender;

import java.net.InetSocketAddress;

/**
 * What the sender knew of one receiver at one moment, immutable, for a live view or a report on another thread.
 *
 * @param id               the receiver's id.
 * @param name             the host name it reported (as received: escape before printing).
 * @param address          where its feedback comes from.
 * @param state            where it is in the session.
 * @param contiguous       the first sequence it does not hold.
 * @param bytes            stream bytes it holds in order (whole packets).
 * @param rateBytesPerSec  how fast {@code bytes} grew since the previous snapshot.
 * @param repairsRequested sequences it asked to have sent again.
 * @param lostPackets      packets it found missing (first losses only).
 * @param receivedPackets  packets it received among those its reports judged, lost or not (repairs not counted again).
 * @param silentNs         time since the sender last heard from it.
 * @param reason           why it was lost or failed ("silent for 6 s"), empty while live or done.
 */
public record ReceiverSnapshot(
    int id,
    String name,
    InetSocketAddress address,
    ReceiverState.State state,
    long contiguous,
    long bytes,
    double rateBytesPerSec,
    long repairsRequested,
    long lostPackets,
    long receivedPackets,
    long silentNs,
    String reason)
{
    /** @return lost packets as a percentage of those it saw, lost or received. */
    public double lossPercent()
    {
        final long seen = lostPackets + receivedPackets;
        return seen == 0 ? 0 : 100.0 * lostPackets / seen;
    }
}
