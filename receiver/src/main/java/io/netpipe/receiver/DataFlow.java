package io.netpipe.receiver;

import io.netpipe.protocol.FeedbackPace;

/**
 * Whether the data flows, as one receiver sees it: flowing while a new sequence came within {@link #STALL_NS},
 * standing still once none came for {@link #SILENT_STALL_NS}; how long it stood still since the last report,
 * which the sender counts as this receiver's silence too; and how far it had come a back-off ago. Looked at once a
 * duty cycle, by {@link ReportTiming}.
 */
final class DataFlow
{
    /** No new sequence for this long means the data stopped (the tail, a stall): news then goes by time. */
    static final long STALL_NS = FeedbackPace.DATA_STALL_NS;
    /** No new sequence for this long means the data stands still: only time past it counts as silence. */
    static final long SILENT_STALL_NS = FeedbackPace.SILENT_STALL_NS;

    private long lastHighest;
    private long lastArrivalNs;
    private boolean flowing;
    private boolean standingStill;
    private boolean stopped;
    private boolean stoodStill;
    private long stalledNs;
    private long lastCheckNs;
    private long agedHighest;
    private long pendingHighest;
    private long agedSinceNs;
    private long heldBackSinceNs;

    /** @param highest where a new session's data starts. */
    void start(final long highest)
    {
        lastHighest = highest;
        lastArrivalNs = Long.MIN_VALUE / 2;
        flowing = false;
        standingStill = false;
        stopped = false;
        stoodStill = false;
        stalledNs = 0;
        lastCheckNs = Long.MIN_VALUE / 2;
        agedHighest = highest;
        pendingHighest = highest;
        agedSinceNs = Long.MIN_VALUE / 2;
        heldBackSinceNs = Long.MIN_VALUE;
    }

    /**
     * @param nowNs    now.
     * @param highest  the highest sequence received so far.
     * @param reportNs when this receiver last reported: time standing still before it was counted then.
     */
    void observe(final long nowNs, final long highest, final long reportNs)
    {
        if (nowNs - agedSinceNs >= FeedbackSchedule.BACKOFF_NS)
        {
            agedHighest = pendingHighest;
            pendingHighest = highest;
            agedSinceNs = nowNs;
        }
        if (highest != lastHighest)
        {
            lastHighest = highest;
            lastArrivalNs = nowNs;
        }
        final boolean flowingNow = nowNs < lastArrivalNs + STALL_NS;
        final long stillNs = lastArrivalNs + SILENT_STALL_NS;
        final boolean stillNow = nowNs >= stillNs;
        if (stillNow)
        {
            stalledNs += Math.max(0, nowNs - Math.max(Math.max(lastCheckNs, reportNs), stillNs));
        }
        stopped = flowing && !flowingNow;
        stoodStill = !standingStill && stillNow;
        flowing = flowingNow;
        standingStill = stillNow;
        lastCheckNs = nowNs;
    }

    /** @return whether a new sequence came within {@link #STALL_NS}. */
    boolean flowing()
    {
        return flowing;
    }

    /**
     * The sender said it waits for its receivers (a HEARTBEAT with {@code FLAG_HELD_BACK}).
     *
     * @param nowNs when it came.
     */
    void heldBack(final long nowNs)
    {
        // Data seen in the same duty cycle came before the heartbeat that says the sender stopped after it.
        if (heldBackSinceNs < lastArrivalNs)
        {
            heldBackSinceNs = nowNs;
        }
    }

    /**
     * @param nowNs now.
     * @return how long the sender has said it waits for its receivers since the data last moved, 0 when it has not
     *     said so since: a sender that waits for its input, or is starved of CPU, waits for nobody's news.
     */
    long heldBackForNs(final long nowNs)
    {
        return heldBackSinceNs >= lastArrivalNs ? nowNs - heldBackSinceNs : 0;
    }

    /** @return whether the data stopped at the last look. */
    boolean justStopped()
    {
        return stopped;
    }

    /** @return whether the data began to stand still at the last look. */
    boolean justStoodStill()
    {
        return stoodStill;
    }

    /** @return how long the data stood still since the last report. */
    long stalledNs()
    {
        return stalledNs;
    }

    /** @param ns count at least this much as stood still: where in the silence a receiver's sign of life goes. */
    void stalledAtLeast(final long ns)
    {
        stalledNs = Math.max(stalledNs, ns);
    }

    /**
     * @return the highest sequence received one to two back-offs ago ({@link FeedbackSchedule#BACKOFF_NS}): a loss
     *     below it was seen long enough ago that others who lost it too had their turn to ask.
     */
    long agedHighest()
    {
        return agedHighest;
    }

    /** A report went: the silence starts over. */
    void reported()
    {
        stalledNs = 0;
    }
}
