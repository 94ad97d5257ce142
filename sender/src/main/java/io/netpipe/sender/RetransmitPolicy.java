package io.netpipe.sender;

import java.nio.ByteBuffer;

/**
 * The repair policy, in front of the {@link RetransmitWindow}: which of the sequences receivers report missing
 * are sent again, and when. One broadcast repair serves every receiver that lost the packet, so a sequence is not
 * repeated within {@link #HOLDOFF_NS} of its last send (another receiver asked too, or the repair is on its way),
 * one report queues at most {@link #MAX_PER_REPORT}, and repairs go out oldest first, before new data.
 */
final class RetransmitPolicy
{
    /** Shortest time between two sends of one sequence. */
    static final long HOLDOFF_NS = 8_000_000L;
    /** Most sequences one STATUS may queue: a report of a huge loss cannot monopolise the sender. */
    static final int MAX_PER_REPORT = 1024;

    private final RetransmitWindow window;

    /** @param window the frames sent and not yet released. */
    RetransmitPolicy(final RetransmitWindow window)
    {
        this.window = window;
    }

    /**
     * Takes one missing range a receiver reported.
     *
     * @param start  its first sequence.
     * @param length its length.
     * @param nowNs  now.
     * @return sequences queued for repair.
     */
    int onMissing(final long start, final long length, final long nowNs)
    {
        return window.request(start, length, nowNs, HOLDOFF_NS, MAX_PER_REPORT);
    }

    /** @return the next frame to send again, or {@code null} when none is due. */
    ByteBuffer nextRepair()
    {
        final long seq = window.peekRetransmit();
        return seq < 0 ? null : window.frame(seq);
    }

    /**
     * Takes the frame {@link #nextRepair()} returned after it was sent.
     *
     * @param nowNs when.
     */
    void repaired(final long nowNs)
    {
        window.retransmitted(nowNs);
    }
}
