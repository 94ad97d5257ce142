package io.netpipe.protocol;

/**
 * How long a receiver of a group may stay silent, shared by both ends: receivers send a sign of life at least
 * this often when nothing changes, and the sender judges a receiver's silence against it. One home, so the two
 * ends cannot drift apart: a sender that expected reports more often than receivers send them would drop live ones.
 *
 * <p>The whole group sends at most {@link #IDLE_BUDGET_PER_SECOND} signs of life a second: {@code N / 25} s each,
 * at least 100 ms and at most {@link #LONGEST_SILENCE_NS} (2.5 s from 63 receivers up). That keeps the floor
 * within a 1% feedback budget at 64 receivers even when only 2,500 data packets a second flow (25.6 against
 * 2,500), at the price that the sender must allow a large group's receiver more than one such interval of silence
 * (two lost or late signs of life make 5 s, the default {@code --drop-after}).
 */
public final class FeedbackPace
{
    /** Longest time without a report in small groups. */
    public static final long SMALL_GROUP_SILENCE_NS = 100_000_000L;
    /** Longest time between two reports in any group: signs of life every few seconds in large groups. */
    public static final long LONGEST_SILENCE_NS = 2_500_000_000L;
    /** Reports a second the whole group sends as signs of life when nothing changes. */
    public static final int IDLE_BUDGET_PER_SECOND = 25;
    /** Groups this small report every 5 ms: their feedback is cheap anyway. */
    public static final int SMALL_GROUP = 4;

    private static final long SECOND_NS = 1_000_000_000L;

    private FeedbackPace()
    {
    }

    /**
     * @param receivers group size (the larger of {@code -n} and the roster announced).
     * @return longest time without a report for one receiver of that group.
     */
    public static long longestSilenceNs(final int receivers)
    {
        if (receivers <= SMALL_GROUP)
        {
            return SMALL_GROUP_SILENCE_NS;
        }
        return Math.clamp(receivers * SECOND_NS / IDLE_BUDGET_PER_SECOND, SMALL_GROUP_SILENCE_NS, LONGEST_SILENCE_NS);
    }
}
