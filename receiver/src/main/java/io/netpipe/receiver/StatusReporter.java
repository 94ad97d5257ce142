package io.netpipe.receiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramTransport;

/**
 * When and what a receiver reports: the one home of its feedback policy. A STATUS carries the position, the window
 * end, the loss counters and the missing ranges. How often depends on the group size the sender announces
 * ({@link FeedbackSchedule}): in groups of up to 4, every 5 ms while anything changes; in larger ones, while data
 * flows, once every {@code N / 0.005} new packets received (fewer with a small buffer), so the group's feedback is
 * a fixed share of the data, hurried when the sender is about to run into the window end last reported; when the
 * data stops, news by time at most every {@code N / 250} seconds; a sign of life at least every 100 ms to 2.5 s.
 * A loss is asked for once, in the reports that go anyway (by time: after a random back-off); it is asked again
 * only if still missing after {@link FeedbackSchedule#retryNs()}, and not while the sender's repair notice says it
 * is queued. It also sends the JOINs, with the same buffer and sealer.
 */
final class StatusReporter
{
    /** Shortest time between two reports (in a group of up to 4: every change). */
    static final long MIN_INTERVAL_NS = FeedbackSchedule.MIN_INTERVAL_NS;
    /** Longest time without a report in a group of up to 4. */
    static final long MAX_INTERVAL_NS = FeedbackSchedule.MAX_INTERVAL_NS;
    /** The sender's window end or position is news worth hurrying when it is this many packets from the edge. */
    static final int CREDIT_QUANTUM = 2048;
    private static final int FAILED_REPEATS = 3;
    private static final long NONE = Long.MIN_VALUE;
    /** No new sequence for this long means the data stopped (the tail, a stall): news then goes by time. Longer than
     * a burst of repairs, which holds back new data. */
    static final long STALL_NS = 100_000_000L;

    private final DatagramTransport transport;
    private FrameSealer sealer;
    private final long nonce;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH + 256);
    private final StatusFrame status = new StatusFrame();
    private final JoinFrame join = new JoinFrame();
    private final EndSecret endSecret = new EndSecret();
    private final FeedbackSchedule schedule;
    private int sessionId;
    private int receiverId;
    private InetSocketAddress sender;
    private ReceiveSession session;
    private long lastStatusNs;
    private long lastWindowEnd;
    private long reportedWindowEnd;
    private long reportedContiguous;
    private long lossDueNs = NONE;
    private long retryDueNs = NONE;
    private boolean due;
    private long reportedReceived;
    private long lastHighest;
    private long lastArrivalNs;
    private double phase;
    private boolean paced;
    private long confirmedNs = NONE;
    private long agedHighest;
    private long pendingHighest;
    private long agedSinceNs;

    /**
     * @param transport the socket.
     * @param sealer    the agent thread's sealer.
     * @param nonce     this receiver's random nonce, its identity in the session.
     */
    StatusReporter(final DatagramTransport transport, final FrameSealer sealer, final long nonce)
    {
        this(transport, sealer, nonce, new SplittableRandom(nonce));
    }

    /**
     * @param transport the socket.
     * @param sealer    the agent thread's sealer.
     * @param nonce     this receiver's random nonce, its identity in the session.
     * @param random    draws the back-offs.
     */
    StatusReporter(final DatagramTransport transport, final FrameSealer sealer, final long nonce,
        final RandomGenerator random)
    {
        this.transport = transport;
        this.sealer = sealer;
        this.nonce = nonce;
        this.schedule = new FeedbackSchedule(random);
    }

    /**
     * Starts reporting on a new session: its initial window is no news.
     *
     * @param sessionId the session.
     * @param session   its reassembly state.
     * @param sender    where reports go.
     */
    void start(final int sessionId, final ReceiveSession session, final InetSocketAddress sender)
    {
        this.sessionId = sessionId;
        this.session = session;
        this.sender = sender;
        // A fresh secret for every session found: one sent to a stale or fake session must not end the next.
        endSecret.renew();
        lastWindowEnd = session.windowEnd();
        reportedWindowEnd = lastWindowEnd;
        reportedContiguous = 0;
        reportedReceived = session.window().receivedCount();
        lastHighest = session.window().highest();
        lastArrivalNs = Long.MIN_VALUE / 2;
        phase = schedule.phase();
        paced = false;
        confirmedNs = NONE;
        agedHighest = lastHighest;
        pendingHighest = lastHighest;
        agedSinceNs = Long.MIN_VALUE / 2;
        schedule.creditPackets(session.window().capacity());
        lossDueNs = NONE;
        retryDueNs = NONE;
        due = false;
    }

    /** @param receivers the group's size, from the sender's announcement: it spaces the reports. */
    void groupSize(final int receivers)
    {
        schedule.groupSize(receivers);
    }

    /** @return the schedule in use, for tests. */
    FeedbackSchedule schedule()
    {
        return schedule;
    }

    /** @return this receiver's end secret for the session it joins, which proves the sender's BYE. */
    EndSecret endSecret()
    {
        return endSecret;
    }

    /** @param sealer the sealer of the session joined (keyed: derived from its ANNOUNCE). */
    void sealWith(final FrameSealer sealer)
    {
        this.sealer = sealer;
    }

    /** @param receiverId this receiver's id in the session, once admitted. */
    void admitted(final int receiverId)
    {
        this.receiverId = receiverId;
    }

    /** Something changed that the sender should hear of soon. */
    void markDue()
    {
        due = true;
    }

    /**
     * @param nowNs now.
     * @return whether a regular report is due now.
     */
    boolean isDue(final long nowNs)
    {
        final ReceiveWindow window = session.window();
        final long windowEnd = session.windowEnd();
        if (windowEnd != lastWindowEnd)
        {
            lastWindowEnd = windowEnd;
            due = true;
        }
        if (nowNs - agedSinceNs >= FeedbackSchedule.BACKOFF_NS)
        {
            agedHighest = pendingHighest;
            pendingHighest = window.highest();
            agedSinceNs = nowNs;
        }
        if (window.highest() != lastHighest)
        {
            lastHighest = window.highest();
            lastArrivalNs = nowNs;
        }
        if (window.takeNewLoss() && lossDueNs == NONE)
        {
            // The back-off counts from when this receiver may report next, so receivers whose turns coincide
            // still ask one after another.
            lossDueNs = Math.max(nowNs, lastStatusNs + schedule.intervalNs()) + schedule.backoffNs();
        }
        final long sinceNs = nowNs - lastStatusNs;
        if (sinceNs >= schedule.silenceNs())
        {
            return true;
        }
        if (schedule.backsOff())
        {
            return isDueInGroup(window, windowEnd, nowNs, sinceNs);
        }
        if (sinceNs >= schedule.urgentIntervalNs() && creditNews(window, windowEnd))
        {
            return true;
        }
        if (lossDueNs != NONE)
        {
            return nowNs >= lossDueNs && sinceNs >= MIN_INTERVAL_NS;
        }
        if (sinceNs < schedule.intervalNs())
        {
            return false;
        }
        return due || (retryDueNs != NONE && nowNs >= retryDueNs && window.contiguous() < window.highest());
    }

    /**
     * The pace of a group above {@link FeedbackSchedule#SMALL_GROUP}: while data flows, one report every
     * {@link FeedbackSchedule#reportEveryPackets()} new packets, carrying every loss not asked for recently, and a
     * hurried one when the sender is about to run into the window end last reported and this report gives it much
     * more; once no new data arrives (the tail, a stall), news by time as in {@link FeedbackSchedule#intervalNs()}.
     */
    private boolean isDueInGroup(final ReceiveWindow window, final long windowEnd, final long nowNs,
        final long sinceNs)
    {
        if (sinceNs < MIN_INTERVAL_NS)
        {
            return false;
        }
        final long lost = window.lostCount();
        final double lossFraction = lost == 0 ? 0 : (double)lost / (lost + window.receivedCount());
        final long every = schedule.reportEveryPackets(lossFraction);
        // Every receiver counts the same data, so each reports where the count crosses its own grid, shifted by a
        // random phase: otherwise all would report at once, a burst of NAKs, then a burst of repairs holding back
        // new data long enough to look like a stall. Other reports (init, signs of life) do not move the grid.
        final long shift = (long)(phase * every);
        final long received = window.receivedCount();
        if ((received + shift) / every > (reportedReceived + shift) / every && received - reportedReceived >= every / 4)
        {
            // The report that goes anyway asks for every loss seen at least one back-off ago: the counts spread the
            // group, and a packet everyone lost just now is left to the first whose back-off ends (or the next count).
            paced = true;
            return true;
        }
        final long margin = schedule.creditMarginPackets();
        if (reportedWindowEnd - window.highest() <= margin && windowEnd - reportedWindowEnd >= margin)
        {
            return true;
        }
        if (nowNs - lastArrivalNs < STALL_NS)
        {
            // Data flows: news waits for its count, so the feedback follows the data rate.
            return false;
        }
        if (lossDueNs != NONE)
        {
            return nowNs >= lossDueNs;
        }
        if (sinceNs < schedule.intervalNs())
        {
            return false;
        }
        return due || (retryDueNs != NONE && nowNs >= retryDueNs && window.contiguous() < window.highest());
    }

    /**
     * The window end and position matter to the sender only when it is near them: when what arrived is within
     * half a window (or {@link #CREDIT_QUANTUM}) of the window end last reported, or as far past the position
     * last reported, and this report would move them.
     */
    private boolean creditNews(final ReceiveWindow window, final long windowEnd)
    {
        final long quantum = Math.min(window.capacity() / 2, CREDIT_QUANTUM);
        final boolean moved = windowEnd > reportedWindowEnd || window.contiguous() > reportedContiguous;
        return moved && (reportedWindowEnd - window.highest() <= quantum ||
            window.highest() - reportedContiguous >= quantum);
    }

    /**
     * Sends a STATUS: with no flags it lists the missing ranges; DONE and FAILED carry none.
     *
     * @param flags {@link StatusFrame#FLAG_DONE}, {@link StatusFrame#FLAG_FAILED} or 0.
     * @param nowNs now.
     * @throws IOException when the socket fails.
     */
    void sendStatus(final int flags, final long nowNs) throws IOException
    {
        sendStatus(flags, "", nowNs);
    }

    private void sendStatus(final int flags, final String reason, final long nowNs) throws IOException
    {
        final ReceiveWindow window = session.window();
        tx.clear();
        status.wrap(tx).writeHeader(FrameType.STATUS, sessionId);
        status.write(receiverId, flags, nonce, window.contiguous(), session.windowEnd(), (int)window.lostCount(),
            (int)window.receivedCount());
        // A loss seen since the last report waits for its back-off; older ones are asked again after a round trip.
        final boolean lossDue = !schedule.backsOff() || (lossDueNs != NONE && nowNs >= lossDueNs);
        final long limit = lossDue ? window.highest() : Math.min(window.highest(),
            paced ? Math.max(window.reportedThrough(), agedHighest) : window.reportedThrough());
        paced = false;
        final int ranges = flags == 0 ?
            window.writeMissing(status, StatusFrame.MAX_RANGES, limit, nowNs, schedule.retryNs()) : 0;
        status.lost((int)window.lostCount());
        send((flags & StatusFrame.FLAG_FAILED) != 0 ? status.writeReason(reason) : StatusFrame.length(ranges), sender);
        lastStatusNs = nowNs;
        reportedWindowEnd = session.windowEnd();
        reportedContiguous = window.contiguous();
        reportedReceived = window.receivedCount();
        if (lossDue)
        {
            // A full report leaves losses unlisted beyond where it stopped: they are due at the next turn, or once
            // the data stops no report would ever list them.
            lossDueNs = ranges == StatusFrame.MAX_RANGES ? nowNs + schedule.intervalNs() : NONE;
        }
        retryDueNs = nowNs + schedule.retryNs();
        // Small groups repeat every loss at every turn until it is repaired (retry 0), as before.
        due = schedule.retryNs() == 0 && window.contiguous() < window.highest();
    }

    /**
     * Confirms the roster while the sender initializes: it announces every 20 ms until every receiver confirmed,
     * and one confirmation per {@link FeedbackSchedule#MAX_INTERVAL_NS} (100 ms) is enough, not one per
     * announcement (2 to 3 per receiver, 1 of 7 datagrams a receiver sends in a whole session at 64).
     *
     * @param nowNs now.
     * @throws IOException when the socket fails.
     */
    void confirm(final long nowNs) throws IOException
    {
        if (confirmedNs == NONE || nowNs - confirmedNs >= MAX_INTERVAL_NS)
        {
            confirmedNs = nowNs;
            sendStatus(0, nowNs);
        }
    }

    /**
     * Tells the sender this receiver gave up, and why, a few times over, since nothing answers it.
     *
     * @param reason one sentence the sender shows (for example "writing the output failed: exec: exit status 1").
     * @param nowNs  now.
     * @throws IOException when the socket fails.
     */
    void sendFailed(final String reason, final long nowNs) throws IOException
    {
        for (int i = 0; i < FAILED_REPEATS; i++)
        {
            sendStatus(StatusFrame.FLAG_FAILED, reason, nowNs);
        }
    }

    /**
     * Asks to join the session {@link #start} named.
     *
     * @param name this receiver's host name.
     * @throws IOException when the socket fails.
     */
    void sendJoin(final String name) throws IOException
    {
        tx.clear();
        join.wrap(tx).writeHeader(FrameType.JOIN, sessionId);
        send(join.write(nonce, endSecret.secret(), session.slots(), name), sender);
    }

    private void send(final int length, final InetSocketAddress to) throws IOException
    {
        sealer.seal(tx, 0, length);
        transport.send(tx, to);
        // The buffer is reused for the next frame, so a batching transport must not hold on to it.
        transport.flush();
    }
}
