package io.netpipe.receiver;

import java.util.random.RandomGenerator;

import io.netpipe.protocol.FeedbackPace;
import io.netpipe.protocol.StatusFrame;

/**
 * How often one receiver of a group of {@code N} may report, so that the feedback at the sender stays a fixed small
 * share of the data whatever the class. While data flows, the budget follows the data: each receiver reports once
 * every {@link #reportEveryPackets()} new packets it receives, {@code N / }{@link #NEWS_SHARE} (the group's reports
 * at most 0.5% of the data packets), or sooner when its buffer is small: the sender learns a receiver's position
 * only from its reports, and a loss takes two of them to be confirmed repaired (one asks, the next confirms), so the
 * spacing is at most {@link #CREDIT_FRACTION} of the credit ({@link #creditPackets}) to keep the sender running.
 * When no new data arrives (the stream's tail, a stall) news goes by time instead, at most every {@code N / 250} s
 * ({@link #intervalNs()}); a sign of life goes at least every {@link FeedbackPace#longestSilenceNs}, in groups above
 * {@link #SMALL_GROUP} only once the data stopped (the reports by count are the signs of life). Small groups
 * ({@code N <= }{@link #SMALL_GROUP}) keep the 5 ms pace. A new loss reported by time waits for a random back-off
 * drawn from a truncated exponential ({@link #backoffNs()}), so that of many receivers losing the same packet only
 * the first few ask before the sender's repair notice silences the rest; while data flows the reports are spread
 * by the receivers' differing counts, and the first one to ask silences the rest the same way.
 */
final class FeedbackSchedule
{
    /** Shortest time between two reports, whatever the group. */
    static final long MIN_INTERVAL_NS = 5_000_000L;
    /** Longest time without a report in small groups. */
    static final long MAX_INTERVAL_NS = FeedbackPace.SMALL_GROUP_SILENCE_NS;
    /** Longest time between two reports with news in any group. */
    static final long LONGEST_INTERVAL_NS = FeedbackPace.LONGEST_SILENCE_NS;
    /** Reports a second the whole group may send with news when no new data arrives (a tail, a stall). */
    static final int BUDGET_PER_SECOND = 250;
    /** The group's reports as a share of the data packets while data flows. */
    static final double NEWS_SHARE = 0.005;
    /**
     * Largest report spacing as a share of the credit: a loss is confirmed repaired two reports after it happened,
     * so the sender's view of a position lags by up to two spacings, and the rest is margin before it stalls.
     */
    static final double CREDIT_FRACTION = 0.4;
    /**
     * The sender's default retransmit window ({@code SendConfig.DEFAULT_WINDOW_PACKETS}), which the receiver cannot
     * see: a buffer larger than it gives no more credit.
     */
    static final int SENDER_WINDOW_PACKETS = 32_768;
    /** Share of a report's ranges the losses expected between two reports may fill. */
    static final double RANGE_FILL = 1.0;
    /** Groups this small keep reporting every 5 ms: their feedback is cheap anyway. */
    static final int SMALL_GROUP = FeedbackPace.SMALL_GROUP;
    /** Longest back-off before a new loss is asked for, in groups above {@link #SMALL_GROUP}. */
    static final long BACKOFF_NS = 40_000_000L;
    /**
     * How long a loss asked for (by this receiver, or announced by the sender as queued) stands before it is asked
     * again while this receiver keeps up (longer once it fell behind: {@link RepairAsks}): longer than the sender's
     * 8 ms hold-off plus a round trip, and long enough that of many receivers only the first few ask again.
     */
    static final long RETRY_NS = 60_000_000L;
    /** The same in groups of up to {@link #SMALL_GROUP}: none, every report lists every loss, as before. */
    static final long SMALL_GROUP_RETRY_NS = 0;

    /**
     * How late a member's timers may fire in groups above {@link #SMALL_GROUP}, and so how long its duty cycle blocks
     * for a datagram when none comes (one wakes it at once): their back-offs are up to 40 ms, their intervals 100 ms
     * and more. Blocking 1 ms, each of 64 lab receivers woke up to 1,000 times a second whenever the data stopped
     * (half of a run at 1% loss), taking CPU from the starved sender they waited for.
     */
    static final long GROUP_TIMER_SLACK_NS = 10_000_000L;
    /** The same in groups of up to {@link #SMALL_GROUP}, which report every 5 ms. */
    static final long SMALL_GROUP_TIMER_SLACK_NS = 1_000_000L;

    /**
     * How long a sender takes to answer a crowd that spoke at once, per receiver it expects: the JOINs of a class
     * that found the session together, the confirmations of its roster. With 100 ms at 64 (64 lab receivers on 2
     * cores), 9 to 24 of them asked to join again 100 to 340 ms after their first JOIN, and in a slow run all 63 that
     * confirmed the roster first confirmed it again 240 to 310 ms later, while the sender waited for the last.
     */
    static final long CROWD_ANSWER_PER_RECEIVER_NS = 5_000_000L;

    private static final long SECOND_NS = 1_000_000_000L;

    private final RandomGenerator random;
    private int groupSize = 1;
    private long intervalNs = MIN_INTERVAL_NS;
    private long silenceNs = MAX_INTERVAL_NS;
    private long standStillSilenceNs = MAX_INTERVAL_NS;
    private int creditPackets = SENDER_WINDOW_PACKETS;
    private long reportEveryPackets = 1;

    /** @param random draws the back-offs (injected, so tests are repeatable). */
    FeedbackSchedule(final RandomGenerator random)
    {
        this.random = random;
    }

    /** @param receivers the group's size as the sender announces it. */
    void groupSize(final int receivers)
    {
        groupSize = Math.max(1, receivers);
        intervalNs = intervalNs(groupSize);
        silenceNs = silenceNs(groupSize);
        standStillSilenceNs = FeedbackPace.standStillSilenceNs(groupSize);
        reportEveryPackets = reportEveryPackets(groupSize, creditPackets);
    }

    /** @param slots packets this receiver's buffer holds: with the sender's window, the credit reports must keep up. */
    void creditPackets(final int slots)
    {
        creditPackets = Math.clamp(slots, 1, SENDER_WINDOW_PACKETS);
        reportEveryPackets = reportEveryPackets(groupSize, creditPackets);
    }

    /**
     * @param receivers group size.
     * @param credit    packets of credit: the smaller of this receiver's buffer and the sender's window.
     * @return new packets received between two reports while data flows (1 in small groups: they go by time).
     */
    static long reportEveryPackets(final int receivers, final int credit)
    {
        if (receivers <= SMALL_GROUP)
        {
            return 1;
        }
        return Math.max(1, Math.min((long)Math.ceil(receivers / NEWS_SHARE), (long)(credit * CREDIT_FRACTION)));
    }

    /** @return new packets received between two reports while data flows. */
    long reportEveryPackets()
    {
        return reportEveryPackets;
    }

    /**
     * @param lossFraction this receiver's share of packets lost so far.
     * @return new packets received between two reports while data flows: fewer than {@link #reportEveryPackets()}
     * when that many would bring more losses than one report lists ({@link StatusFrame#MAX_RANGES}, counting a loss
     * as a range), or the rest would wait and pile up.
     */
    long reportEveryPackets(final double lossFraction)
    {
        if (lossFraction <= 0)
        {
            return reportEveryPackets;
        }
        final long every = Math.max(1, Math.min(reportEveryPackets, (long)(RANGE_FILL * StatusFrame.MAX_RANGES / lossFraction)));
        // In steps of 256, so that the loss fraction's drift does not shift the receiver's grid at every packet.
        return every < 1024 ? every : every - every % 256;
    }

    /**
     * Whether a report by count is due while data flows. Every receiver counts the same data, so each reports where
     * its count crosses its own grid, shifted by a random phase: otherwise all would report at once, a burst of NAKs,
     * then a burst of repairs holding back new data long enough to look like a stall. Other reports (init, signs of
     * life) do not move the grid. A report that filled its ranges left asks over (a loss rate that fills them, and
     * their retries): the next goes a quarter of the spacing later, off the grid, or the asks of one receiver losing
     * 5% among 32 fell behind by the sender's whole window and held the class there (LossyMemberTest).
     *
     * @param received packets received so far.
     * @param reported packets received at the last report.
     * @param every    the spacing ({@link #reportEveryPackets(double)}).
     * @param phase    this receiver's phase ({@link #phase()}).
     * @param asksLeft whether the last report filled its ranges.
     * @return whether the count calls for a report now.
     */
    static boolean countDue(final long received, final long reported, final long every, final double phase,
        final boolean asksLeft)
    {
        final long shift = (long)(phase * every);
        return received - reported >= every / 4
            && (asksLeft || (received + shift) / every > (reported + shift) / every);
    }

    /** @return a random phase in {@code [0, 1)}: where in the report spacing this receiver's count comes up. */
    double phase()
    {
        return random.nextDouble();
    }

    /** @return packets of credit: the smaller of this receiver's buffer and the sender's window. */
    int creditPackets()
    {
        return creditPackets;
    }

    /** @return how close (in packets) the sender may come to the window end last reported before a report hurries. */
    long creditMarginPackets()
    {
        return Math.max(1, creditPackets / 8);
    }

    /** @return the group size in use. */
    int groupSize()
    {
        return groupSize;
    }

    /**
     * @param receivers how many the sender expects.
     * @return how long a receiver waits for the sender's answer before it asks again, the first time, when the whole
     *     group asks at once: {@link #CROWD_ANSWER_PER_RECEIVER_NS} each, at least {@link #MAX_INTERVAL_NS} (a
     *     seeking or initializing sender announces at least that often), at most {@link #LONGEST_INTERVAL_NS}.
     */
    static long crowdAnswerNs(final int receivers)
    {
        return Math.clamp(receivers * CROWD_ANSWER_PER_RECEIVER_NS, MAX_INTERVAL_NS, LONGEST_INTERVAL_NS);
    }

    /**
     * @param receivers group size.
     * @return shortest time between two reports with news for one receiver of that group.
     */
    static long intervalNs(final int receivers)
    {
        if (receivers <= SMALL_GROUP)
        {
            return MIN_INTERVAL_NS;
        }
        return Math.clamp(receivers * SECOND_NS / BUDGET_PER_SECOND, MIN_INTERVAL_NS, LONGEST_INTERVAL_NS);
    }

    /**
     * @param receivers group size.
     * @return longest time without a report for one receiver of that group ({@link FeedbackPace}, which the sender
     * judges silence by).
     */
    static long silenceNs(final int receivers)
    {
        return FeedbackPace.longestSilenceNs(receivers);
    }

    /** @return shortest time between two reports with news. */
    long intervalNs()
    {
        return intervalNs;
    }

    /** @return shortest time between two reports when the sender is close to this receiver's credit. */
    long urgentIntervalNs()
    {
        return Math.max(MIN_INTERVAL_NS, intervalNs / 4);
    }

    /** @return how late this receiver's timers may fire, and so how long it may block for a datagram. */
    long timerSlackNs()
    {
        return backsOff() ? GROUP_TIMER_SLACK_NS : SMALL_GROUP_TIMER_SLACK_NS;
    }

    /** @return whether new losses wait for a back-off (groups above {@link #SMALL_GROUP}). */
    boolean backsOff()
    {
        return groupSize > SMALL_GROUP;
    }

    /** @return how long a loss asked for stands before it is asked again while this receiver keeps up. */
    long retryFloorNs()
    {
        return groupSize <= SMALL_GROUP ? SMALL_GROUP_RETRY_NS : RETRY_NS;
    }

    /** @return longest time without a report. */
    long silenceNs()
    {
        return silenceNs;
    }

    /**
     * @return longest time without a report while the data stands still, counted past
     *     {@link FeedbackPace#SILENT_STALL_NS} ({@link FeedbackPace#standStillSilenceNs}).
     */
    long standStillSilenceNs()
    {
        return standStillSilenceNs;
    }

    /** @return whether signs of life wait for the data to stop ({@link FeedbackPace#silentWhileDataFlows}). */
    boolean silentWhileDataFlows()
    {
        return FeedbackPace.silentWhileDataFlows(groupSize);
    }

    /**
     * A random delay before a newly seen loss is asked for: {@code T * max(0, 1 + ln(u) / (ln N + 1))} for a uniform
     * {@code u}, so that of N receivers about {@code 1/e} ask at once and the rest spread over {@code T}, each
     * later one likely to hear the sender's notice first. Zero in small groups.
     *
     * @return the back-off.
     */
    long backoffNs()
    {
        if (groupSize <= SMALL_GROUP)
        {
            return 0;
        }
        final double u = 1.0 - random.nextDouble();
        final double fraction = 1.0 + Math.log(u) / (Math.log(groupSize) + 1.0);
        return fraction <= 0 ? 0 : (long)(BACKOFF_NS * fraction);
    }
}
