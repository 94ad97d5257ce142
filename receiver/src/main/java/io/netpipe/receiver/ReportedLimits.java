package io.netpipe.receiver;

import java.util.Arrays;

import io.netpipe.protocol.ParityFrame;

/**
 * The window ends and positions a receiver's last few reports told the sender, for {@link ReportTiming} to tell
 * whether the data standing still may be this receiver's doing. The sender keeps the largest window end it heard
 * and runs up to it exactly, so data that stopped at one of them stopped at this receiver's buffer even when the
 * later reports were lost on the way; and its frames run out a credit past the position it holds for us, released
 * by the latest of those reports that reached it.
 * Allocated once per receiver: recording and asking allocate nothing.
 */
final class ReportedLimits
{
    /** Reports remembered: as many lost in a row still leave the sender's view among them. */
    static final int REMEMBERED = 8;
    /**
     * How far short of a limit the data may stop and still have stopped at it: the sender runs exactly up to a
     * window end, and releases frames by whole parity blocks, so a position holds it up to a block short of a
     * credit past it. Tight on purpose: a stall anywhere else (a sender starved of CPU, a slow input) is none of
     * this receiver's doing, and a wider band drew a report from most of a 64-receiver group at every stall (by-count
     * reports 12,800 packets apart left a position from the init phase a credit behind after a few).
     */
    static final int SLACK_PACKETS = ParityFrame.BLOCK_PACKETS;
    /** The sender's window end or position is news worth hurrying when it is this many packets from the edge. */
    static final int CREDIT_QUANTUM = 2048;

    private final long[] windowEnds = new long[REMEMBERED];
    private final long[] positions = new long[REMEMBERED];
    private int next;
    private long lastWindowEnd;
    private long lastPosition;

    ReportedLimits()
    {
        clear(0);
    }

    /**
     * Forgets every report: a new session.
     *
     * @param initialWindowEnd the window end the sender starts from (what the JOIN offered).
     */
    void clear(final long initialWindowEnd)
    {
        Arrays.fill(windowEnds, Long.MIN_VALUE);
        Arrays.fill(positions, Long.MAX_VALUE);
        next = 0;
        lastWindowEnd = initialWindowEnd;
        lastPosition = 0;
    }

    /**
     * @param window    the receive window.
     * @param windowEnd this receiver's window end now.
     * @return whether a report now would carry the position and window end the last one did.
     */
    boolean unchanged(final ReceiveWindow window, final long windowEnd)
    {
        return windowEnd == lastWindowEnd && window.contiguous() == lastPosition;
    }

    /** @return the window end the last report carried (or the initial one). */
    long lastWindowEnd()
    {
        return lastWindowEnd;
    }

    /**
     * @param windowEnd the window end a report carried.
     * @param position  the contiguous position it carried.
     */
    void reported(final long windowEnd, final long position)
    {
        windowEnds[next] = windowEnd;
        positions[next] = position;
        next = (next + 1) % REMEMBERED;
        lastWindowEnd = windowEnd;
        lastPosition = position;
    }

    /**
     * The window end and position matter to the sender only when it is near them: when what arrived is within
     * half a window (or {@link #CREDIT_QUANTUM}) of the window end last reported, or as far past the position
     * last reported, and a report now would move them. (The pace of groups up to 4.)
     *
     * @param window    the receive window.
     * @param windowEnd this receiver's window end now.
     * @return whether a report now is news to a sender that may be about to stop.
     */
    boolean creditNews(final ReceiveWindow window, final long windowEnd)
    {
        final long quantum = Math.min(window.capacity() / 2, CREDIT_QUANTUM);
        final boolean moved = windowEnd > lastWindowEnd || window.contiguous() > lastPosition;
        return moved && (lastWindowEnd - window.highest() <= quantum || window.highest() - lastPosition >= quantum);
    }

    /**
     * @param window    the receive window.
     * @param windowEnd this receiver's window end now.
     * @param credit    packets of credit (the smaller of its buffer and the sender's window).
     * @return whether the sender may be held back by what this receiver reported, and a report now would free it:
     *         the data stopped at (or within {@link #SLACK_PACKETS} of) a window end reported and the buffer has room
     *         past it, or it stopped a credit (within the slack) past a position reported and this one is further on
     *         or short of the data (a loss to ask for).
     */
    boolean holdTheSender(final ReceiveWindow window, final long windowEnd, final long credit)
    {
        final long highest = window.highest();
        boolean atAnEnd = false;
        boolean atARelease = false;
        for (int i = 0; i < REMEMBERED; i++)
        {
            final long end = windowEnds[i];
            atAnEnd |= end != Long.MIN_VALUE && end >= highest && end - highest <= SLACK_PACKETS;
            final long held = highest - positions[i];
            // Held a credit past a position reported: a report frees it if the position moved, or asks for the loss
            // the sender keeps its frames for.
            atARelease |= positions[i] != Long.MAX_VALUE && held <= credit && held >= credit - SLACK_PACKETS &&
                (window.contiguous() > positions[i] || window.contiguous() < highest);
        }
        return (atAnEnd && windowEnd > highest) || atARelease;
    }
}
