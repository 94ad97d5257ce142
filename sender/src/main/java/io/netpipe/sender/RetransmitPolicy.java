package io.netpipe.sender;

import java.nio.ByteBuffer;

import io.netpipe.protocol.HeartbeatFrame;

/**
 * The repair policy, in front of the {@link RetransmitWindow}: which of the sequences receivers report missing
 * are sent again, and when. One broadcast repair serves every receiver that lost the packet, so a sequence is not
 * repeated within {@link #HOLDOFF_NS} of its last send (another receiver asked too, or the repair is on its way),
 * one report queues at most {@link #MAX_PER_REPORT}, and repairs go out oldest first, before new data. The ranges
 * queued since the last repair notice are collected here (merged, at most {@link HeartbeatFrame#MAX_RANGES}) for the
 * {@link Transmitter} to announce in a HEARTBEAT, so that other receivers missing them do not ask too.
 */
final class RetransmitPolicy
{
    /** Shortest time between two sends of one sequence. */
    static final long HOLDOFF_NS = 8_000_000L;
    /** Most sequences one STATUS may queue: a report of a huge loss cannot monopolise the sender. */
    static final int MAX_PER_REPORT = 1024;

    private final RetransmitWindow window;
    private final long[] noticeStart = new long[HeartbeatFrame.MAX_RANGES];
    private final int[] noticeLength = new int[HeartbeatFrame.MAX_RANGES];
    private int noticeCount;
    private long noticesSent;

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
        final int queued = window.request(start, length, nowNs, HOLDOFF_NS, MAX_PER_REPORT);
        if (queued > 0)
        {
            // The whole range is announced: what was not queued now was sent within the hold-off and is on its way.
            final long from = Math.max(start, window.base());
            final long to = Math.min(start + length, window.next());
            if (to > from)
            {
                notice(from, (int)Math.min(to - from, Integer.MAX_VALUE));
            }
        }
        return queued;
    }

    private void notice(final long start, final int length)
    {
        for (int i = 0; i < noticeCount; i++)
        {
            final long end = noticeStart[i] + noticeLength[i];
            if (start <= end && start + length >= noticeStart[i])
            {
                final long from = Math.min(start, noticeStart[i]);
                noticeLength[i] = (int)Math.min(Math.max(end, start + length) - from, Integer.MAX_VALUE);
                noticeStart[i] = from;
                return;
            }
        }
        if (noticeCount < noticeStart.length)
        {
            noticeStart[noticeCount] = start;
            noticeLength[noticeCount] = length;
            noticeCount++;
        }
    }

    /** @return repair ranges queued since the last notice (a notice is an optimisation: a full list drops more). */
    int noticeCount()
    {
        return noticeCount;
    }

    /**
     * @param index below {@link #noticeCount()}.
     * @return the first sequence of that range.
     */
    long noticeStart(final int index)
    {
        return noticeStart[index];
    }

    /**
     * @param index below {@link #noticeCount()}.
     * @return the length of that range.
     */
    int noticeLength(final int index)
    {
        return noticeLength[index];
    }

    /** The ranges were announced. */
    void noticeSent()
    {
        noticeCount = 0;
        noticesSent++;
    }

    /** @return repair notices sent. */
    long noticesSent()
    {
        return noticesSent;
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
