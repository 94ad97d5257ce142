package io.netpipe.receiver;

import java.util.Arrays;

/**
 * The window ends and positions a receiver's last few reports told the sender, for {@link ReportTiming} to tell
 * whether the data standing still may be this receiver's doing. The sender keeps the largest window end it heard
 * and runs up to it exactly, so data that stopped at one of them stopped at this receiver's buffer even when the
 * later reports were lost on the way; and it can release no frame past the oldest position it may still hold.
 * Allocated once per receiver: recording and asking allocate nothing.
 */
final class ReportedLimits
{
    /** Reports remembered: as many lost in a row still leave the sender's view among them. */
    static final int REMEMBERED = 8;

    private final long[] windowEnds = new long[REMEMBERED];
    private final long[] positions = new long[REMEMBERED];
    private int next;

    ReportedLimits()
    {
        clear();
    }

    /** Forgets every report: a new session. */
    void clear()
    {
        Arrays.fill(windowEnds, Long.MIN_VALUE);
        Arrays.fill(positions, Long.MAX_VALUE);
        next = 0;
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
    }

    /**
     * @param window    the receive window.
     * @param windowEnd this receiver's window end now.
     * @param credit    packets of credit (the smaller of its buffer and the sender's window).
     * @param margin    how near a limit counts as at it, in packets.
     * @return whether the sender may be held back by what this receiver reported, and a report now would free it:
     *         the data stopped at (or within the margin of) a window end reported and the buffer has room past it,
     *         or the sender holds a whole credit of frames past a position reported and this one is further on.
     */
    boolean holdTheSender(final ReceiveWindow window, final long windowEnd, final long credit, final long margin)
    {
        final long highest = window.highest();
        long oldestPosition = Long.MAX_VALUE;
        boolean atAnEnd = false;
        for (int i = 0; i < REMEMBERED; i++)
        {
            final long end = windowEnds[i];
            atAnEnd |= end != Long.MIN_VALUE && end >= highest && end - highest <= margin;
            oldestPosition = Math.min(oldestPosition, positions[i]);
        }
        final boolean creditHolds = atAnEnd && windowEnd > highest;
        final boolean releaseHolds = oldestPosition != Long.MAX_VALUE && highest - oldestPosition >= credit - margin &&
            window.contiguous() > oldestPosition;
        return creditHolds || releaseHolds;
    }
}
