package io.netpipe.receiver;

/**
 * When a receiver asks to join the session it found: at once, then again while it is not listed, after waits that
 * double from {@link #firstWaitNs} (longer for a larger crowd) up to {@link #LONGEST_WAIT_NS}, each counted from when
 * the last JOIN went.
 */
final class JoinSchedule
{
    /**
     * The longest wait between JOINs, each unanswered one doubling it: the sender is busy (admitting a crowd), and
     * asking ten times a second made it busier (64 lab receivers: 6 JOINs each, 0.4% of a 128 MiB stream).
     */
    static final long LONGEST_WAIT_NS = 1_600_000_000L;

    private long nextNs = Long.MIN_VALUE;
    private long waitNs = FeedbackSchedule.MAX_INTERVAL_NS;

    /**
     * A session was found: its first JOIN goes at once.
     *
     * @param receivers how many the sender expects (the larger of its {@code -n} and its roster so far).
     */
    void reset(final int receivers)
    {
        nextNs = Long.MIN_VALUE;
        waitNs = firstWaitNs(receivers);
    }

    /**
     * @param receivers how many the sender expects.
     * @return how long a receiver waits to be listed before its second JOIN: a seeking sender announces every 100
     *     ms and newcomers at once, but a crowd joins together ({@link FeedbackSchedule#crowdAnswerNs}).
     */
    static long firstWaitNs(final int receivers)
    {
        return Math.min(FeedbackSchedule.crowdAnswerNs(receivers), LONGEST_WAIT_NS);
    }

    /**
     * @param nowNs now.
     * @return whether a JOIN is due.
     */
    boolean isDue(final long nowNs)
    {
        return nowNs >= nextNs;
    }

    /**
     * A JOIN went: the wait counts from here, not from the duty cycle that found it due. Opening a session (its
     * buffer, the first JOIN's code) took a receiver of a crowd on a busy host up to 18 s (64 lab receivers starting
     * on 2 cores at once), so a wait counted from before was over when the JOIN went, and all 64 joined twice.
     *
     * @param sentNs when it went.
     */
    void sent(final long sentNs)
    {
        nextNs = sentNs + waitNs;
        waitNs = Math.min(LONGEST_WAIT_NS, 2 * waitNs);
    }
}
