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
 *
 * <p>In groups above {@link #SMALL_GROUP}, signs of life are for when the data stops ({@link #SILENT_STALL_NS}): while
 * it flows a receiver reports by the packets it counts, however slowly they come, and the sender counts no silence.
 * A receiver that falls silent then holds nobody back until the sender reaches its window end or must keep a frame
 * for it: the data stops there, and its silence counts from then on. So the group's feedback follows the data at any
 * rate, where time-based signs of life at 2.5 s made 3.7% of a 1 MB/s stream at 64 receivers.
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
    /**
     * No new sequence for this long means the data stopped (the tail, a stall, a sender held back): receivers send
     * their news by time. Longer than a burst of repairs, which holds back new data. Silence counts only from
     * {@link #SILENT_STALL_NS}.
     */
    public static final long DATA_STALL_NS = 100_000_000L;
    /**
     * No new sequence for this long means the data stands still for the count of silence, on both ends: only time
     * past it counts. Shorter stops are a sender starved of CPU for a moment, or held back by a burst of repairs:
     * 64 lab receivers sharing two cores with their sender saw the data stop for 0.1 to 0.5 s several times a second,
     * and counting those as silence drew a sign of life from each every few seconds of a transfer that never stalled.
     */
    public static final long SILENT_STALL_NS = 1_000_000_000L;
    /**
     * In groups above {@link #SMALL_GROUP}, the {@link #longestSilenceNs} intervals a receiver lets pass without a
     * report while the data stands still. The sender drops a receiver only after five such intervals of silence
     * ({@code Liveness.PACE_INTERVALS}), so two leave room for a lost sign of life and a late one. At one interval,
     * the stops of a 64-receiver lab class with 1% loss (the data standing still 2 to 5 s a few times, its sender
     * starved of CPU) drew 158 to 163 signs of life a run (104 of one run's mid-stream), 0.16% of the data on their own.
     */
    public static final int STAND_STILL_INTERVALS = 2;

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

    /**
     * @param receivers group size.
     * @return longest time without a report for one receiver of that group while the data stands still (only the
     *     time past {@link #SILENT_STALL_NS} counts): {@link #STAND_STILL_INTERVALS} times {@link #longestSilenceNs}
     *     above {@link #SMALL_GROUP}, where signs of life are for stops only; {@link #longestSilenceNs} up to it.
     */
    public static long standStillSilenceNs(final int receivers)
    {
        final long silenceNs = longestSilenceNs(receivers);
        return silentWhileDataFlows(receivers) ? STAND_STILL_INTERVALS * silenceNs : silenceNs;
    }

    /**
     * @param receivers group size.
     * @return whether its receivers send signs of life only once the data stops, and the sender counts silence only
     * then (groups above {@link #SMALL_GROUP}).
     */
    public static boolean silentWhileDataFlows(final int receivers)
    {
        return receivers > SMALL_GROUP;
    }
}
