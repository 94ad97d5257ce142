package io.netpipe.receiver;

import io.netpipe.protocol.FeedbackPace;

/**
 * When a receiver reports, for {@link StatusReporter}, which encodes and sends. In groups of up to 4, every 5 ms while
 * anything changes; in larger ones, while data flows, once every {@code N / 0.005} new packets received (fewer with a
 * small buffer) on the receiver's own grid (a random phase), hurried when the sender nears the window end last
 * reported; when the data stops, news by time ({@link FeedbackSchedule#intervalNs()}) while the sender is heard
 * ({@link StopNews#SENDER_QUIET_NS}), losses only where they may hold it back and only reports that say something
 * ({@link StopNews}), and a sign of life at least every {@link FeedbackSchedule#silenceNs()} (above 4, only then:
 * {@link FeedbackPace#silentWhileDataFlows}). A new loss waits a random back-off; one asked for is asked again after
 * {@link FeedbackSchedule#retryFloorNs()}, or once its repair is overdue ({@link ReceiveWindow#retryNs}).
 */
final class ReportTiming
{
    private static final long NONE = Long.MIN_VALUE;

    private final FeedbackSchedule schedule;
    private final ReportedLimits limits = new ReportedLimits();
    private final DataFlow flow = new DataFlow();
    private final StopNews stopNews = new StopNews();
    private ReceiveSession session;
    private long lastStatusNs;
    private long lastWindowEnd;
    private long lossDueNs = NONE;
    private long retryDueNs = NONE;
    private boolean due;
    private long reportedReceived;
    /** Whether the report due only asks (for losses, or again), so it goes only if it lists one. */
    private boolean asksOnly;
    private double phase;
    private boolean paced;
    /** The last report filled its ranges while data flowed: asks are left over, so the next goes sooner. */
    private boolean asksLeft;

    /** @param schedule the group's pace. */
    ReportTiming(final FeedbackSchedule schedule)
    {
        this.schedule = schedule;
    }

    /** @param session a new session to report on: its initial window is no news. */
    void start(final ReceiveSession session)
    {
        this.session = session;
        lastWindowEnd = session.windowEnd();
        reportedReceived = session.window().receivedCount();
        flow.start(session.window().highest());
        stopNews.start();
        asksOnly = false;
        limits.clear(lastWindowEnd);
        phase = schedule.phase();
        paced = false;
        asksLeft = false;
        schedule.creditPackets(session.window().capacity());
        lossDueNs = NONE;
        retryDueNs = NONE;
        due = false;
    }

    /** @param nowNs when this receiver's JOIN went: to the sender a sign of life, as a report is. */
    void joined(final long nowNs)
    {
        lastStatusNs = nowNs;
    }

    /** @param nowNs a HEARTBEAT came now saying the sender waits for its receivers ({@link DataFlow#heldBack}). */
    void senderHeldBack(final long nowNs)
    {
        flow.heldBack(nowNs);
    }

    /** Something changed that the sender should hear of soon. */
    void markDue()
    {
        due = true;
    }

    /**
     * @param nowNs          now.
     * @param senderSilentNs how long nothing new came from the sender (data, heartbeat, EOF).
     * @return whether a regular report is due now.
     */
    boolean isDue(final long nowNs, final long senderSilentNs)
    {
        final ReceiveWindow window = session.window();
        final long windowEnd = session.windowEnd();
        if (windowEnd != lastWindowEnd)
        {
            lastWindowEnd = windowEnd;
            due = true;
        }
        asksOnly = false;
        flow.observe(nowNs, window.highest(), lastStatusNs);
        if (flow.justStopped() && schedule.backsOff())
        {
            // The data stopped before this receiver's count came up. Its losses wait for a back-off from now, or a
            // group that lost the same packet just before would ask for it all at once.
            lossDueNs = lossDueNs == NONE ? NONE : Math.max(lossDueNs, nowNs + schedule.backoffNs());
        }
        if (flow.justStoodStill() && schedule.backsOff())
        {
            // Its sign of life goes at a point of the interval its phase picks, or the group would answer at once.
            flow.stalledAtLeast((long)(phase * schedule.standStillSilenceNs() / 2));
        }
        if (window.takeNewLoss() && lossDueNs == NONE)
        {
            // The back-off counts from when this receiver may report next, so receivers whose turns coincide
            // still ask one after another.
            lossDueNs = Math.max(nowNs, lastStatusNs + schedule.intervalNs()) + schedule.backoffNs();
        }
        final long sinceNs = nowNs - lastStatusNs;
        if (signOfLifeDue(sinceNs))
        {
            return true;
        }
        if (schedule.backsOff())
        {
            return isDueInGroup(window, windowEnd, nowNs, sinceNs, senderSilentNs >= StopNews.SENDER_QUIET_NS);
        }
        if (sinceNs >= schedule.urgentIntervalNs() && limits.creditNews(window, windowEnd))
        {
            return true;
        }
        if (lossDueNs != NONE)
        {
            return nowNs >= lossDueNs && sinceNs >= FeedbackSchedule.MIN_INTERVAL_NS;
        }
        if (sinceNs < schedule.intervalNs())
        {
            return false;
        }
        return due || (retryDueNs != NONE && nowNs >= retryDueNs && window.contiguous() < window.highest());
    }

    /**
     * A sign of life goes after {@link FeedbackSchedule#silenceNs()} without a report. In groups above 4 the reports
     * by count are the signs of life while data flows, at any rate, and only the time the data stood still counts
     * ({@link FeedbackPace#silentWhileDataFlows}), up to {@link FeedbackSchedule#standStillSilenceNs()}: the sender
     * counts the same, so stops and starts that add up are silence on both ends.
     */
    private boolean signOfLifeDue(final long sinceNs)
    {
        if (!schedule.silentWhileDataFlows())
        {
            return sinceNs >= schedule.silenceNs();
        }
        return flow.stalledNs() >= schedule.standStillSilenceNs();
    }

    /**
     * The pace of a group above {@link FeedbackSchedule#SMALL_GROUP}: while data flows, one report every
     * {@link FeedbackSchedule#reportEveryPackets()} new packets, carrying every loss not asked for recently, and a
     * hurried one when the sender is about to run into the window end last reported and this report gives it much
     * more; once no new data arrives (the tail, a stall), news by time as in {@link FeedbackSchedule#intervalNs()}.
     */
    private boolean isDueInGroup(final ReceiveWindow window, final long windowEnd, final long nowNs,
        final long sinceNs, final boolean quiet)
    {
        if (sinceNs < FeedbackSchedule.MIN_INTERVAL_NS)
        {
            return false;
        }
        final long lost = window.lostCount();
        final double lossFraction = lost == 0 ? 0 : (double)lost / (lost + window.receivedCount());
        final long every = schedule.reportEveryPackets(lossFraction);
        if (FeedbackSchedule.countDue(window.receivedCount(), reportedReceived, every, phase, asksLeft))
        {
            // The report that goes anyway asks for every loss seen at least one back-off ago: the counts spread the
            // group, and a packet everyone lost just now is left to the first whose back-off ends (or the next count).
            paced = true;
            return true;
        }
        final long margin = schedule.creditMarginPackets();
        final long reportedEnd = limits.lastWindowEnd();
        if (reportedEnd - window.highest() <= margin && windowEnd - reportedEnd >= margin)
        {
            return true;
        }
        if (flow.flowing())
        {
            // Data flows: news waits for its count, so the feedback follows the data rate.
            stopNews.flowing();
            return false;
        }
        if (!stopNews.newsMayGo(quiet))
        {
            return false;
        }
        final boolean asksMatter = stopNews.asksMatter(session, flow, schedule.creditPackets(), nowNs);
        if (stopNews.takeFreshBackoff())
        {
            lossDueNs = lossDueNs == NONE ? NONE : Math.max(lossDueNs, nowNs + schedule.backoffNs());
        }
        if (lossDueNs != NONE && asksMatter)
        {
            asksOnly = nowNs >= lossDueNs;
            return asksOnly;
        }
        if (sinceNs < schedule.intervalNs())
        {
            return false;
        }
        // While the data stands still, news of a position or window end is worth a report of its own only where it
        // may be what holds the sender back; elsewhere it waits for the data to flow again, where the count carries it.
        // A stall of a large group (the sender held back by one receiver, or starved of CPU) drew a report from all.
        if (due && limits.holdTheSender(window, windowEnd, schedule.creditPackets()))
        {
            return true;
        }
        asksOnly = asksMatter && retryDueNs != NONE && nowNs >= retryDueNs && window.contiguous() < window.highest();
        return asksOnly;
    }

    /**
     * @param window the receive window.
     * @param ranges the losses the report about to go lists.
     * @return whether it may stay unsent ({@link #skipped}): it only asks, in a stop, lists nothing (all were asked
     *     within the retry, or are announced), and carries no position or window end that may free the sender.
     */
    boolean nothingToSay(final ReceiveWindow window, final int ranges)
    {
        final long windowEnd = session.windowEnd();
        return asksOnly && ranges == 0
            && (limits.unchanged(window, windowEnd) || !limits.holdTheSender(window, windowEnd, schedule.creditPackets()));
    }

    /**
     * A report due had nothing to say and stayed unsent: what it would have asked for is settled as if it went, but
     * the silence goes on.
     *
     * @param window  the receive window.
     * @param lossDue what {@link #lossDue} said for it.
     * @param nowNs   now.
     */
    void skipped(final ReceiveWindow window, final boolean lossDue, final long nowNs)
    {
        if (lossDue)
        {
            lossDueNs = NONE;
        }
        retryDueNs = nowNs + window.retryNs(schedule.retryFloorNs());
        asksOnly = false;
    }

    /**
     * @param nowNs now.
     * @return whether the report about to go may list the losses seen since the last one (their back-off is over).
     */
    boolean lossDue(final long nowNs)
    {
        return !schedule.backsOff() || (lossDueNs != NONE && nowNs >= lossDueNs);
    }

    /**
     * @param window  the receive window.
     * @param lossDue what {@link #lossDue} said for this report.
     * @return the sequence below which this report lists missing packets: a loss seen since the last report waits
     *         for its back-off; older ones are asked again after a round trip.
     */
    long listLimit(final ReceiveWindow window, final boolean lossDue)
    {
        final long limit = lossDue ? window.highest() : Math.min(window.highest(),
            paced ? Math.max(window.reportedThrough(), flow.agedHighest()) : window.reportedThrough());
        paced = false;
        return limit;
    }

    /**
     * A report went.
     *
     * @param window  the receive window.
     * @param lossDue what {@link #lossDue} said for it.
     * @param full    whether its missing ranges filled the frame.
     * @param nowNs   now.
     */
    void reported(final ReceiveWindow window, final boolean lossDue, final boolean full, final long nowNs)
    {
        lastStatusNs = nowNs;
        asksOnly = false;
        flow.reported();
        reportedReceived = window.receivedCount();
        limits.reported(session.windowEnd(), window.contiguous());
        asksLeft = full;
        if (lossDue)
        {
            // A full report leaves losses unlisted beyond where it stopped: they are due at the next turn, or once
            // the data stops no report would ever list them.
            lossDueNs = full ? nowNs + schedule.intervalNs() : NONE;
        }
        retryDueNs = nowNs + window.retryNs(schedule.retryFloorNs());
        // Small groups report every 5 ms while something is missing, as before: their position and window end keep
        // the sender going. The asks in those reports wait for the retry, which is 0 until repairs come late.
        due = !schedule.backsOff() && window.contiguous() < window.highest();
    }
}
