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
 * What a receiver reports, and sending it: a STATUS carries the position, the window end, the loss counters and
 * the missing ranges; when it goes is {@link ReportTiming}'s (paced by the group size the sender announces,
 * {@link FeedbackSchedule}). A loss is asked for once, in the reports that go anyway; it is asked again only if
 * still missing once its repair is overdue ({@link RepairAsks}), and not while the sender's repair notice says it is
 * queued. It also sends the JOINs and the init confirmations, with the same buffer and sealer.
 */
final class StatusReporter
{
    /** Shortest time between two reports (in a group of up to 4: every change). */
    static final long MIN_INTERVAL_NS = FeedbackSchedule.MIN_INTERVAL_NS;
    /** Longest time without a report in a group of up to 4. */
    static final long MAX_INTERVAL_NS = FeedbackSchedule.MAX_INTERVAL_NS;
    private static final int FAILED_REPEATS = 3;
    private static final long NONE = Long.MIN_VALUE;

    private final DatagramTransport transport;
    private FrameSealer sealer;
    private final long nonce;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH + 256);
    private final StatusFrame status = new StatusFrame();
    private final JoinFrame join = new JoinFrame();
    private final EndSecret endSecret = new EndSecret();
    private final FeedbackSchedule schedule;
    private final ReportTiming timing;
    private int sessionId;
    private int receiverId;
    private InetSocketAddress sender;
    private ReceiveSession session;
    private long confirmedNs = NONE;
    private long confirmIntervalNs = MAX_INTERVAL_NS;
    /** What the confirmations repeat: 0 for the roster's, {@link StatusFrame#FLAG_DONE} for the end's. */
    private int confirmedFlags;

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
        this.timing = new ReportTiming(schedule);
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
        // A fresh secret for every session found: one sent to a stale or fake session must not end the next. The same
        // session from the same sender found again (it fell silent while seeking, then came back) keeps it: the
        // sender holds the secret of the first JOIN, and proves its BYE with it.
        if (sessionId != this.sessionId || !sender.equals(this.sender))
        {
            endSecret.renew();
        }
        this.sessionId = sessionId;
        this.session = session;
        this.sender = sender;
        confirmedNs = NONE;
        confirmedFlags = 0;
        timing.start(session);
    }

    /** @param receivers the group's size, from the sender's announcement: it spaces the reports. */
    void groupSize(final int receivers)
    {
        schedule.groupSize(receivers);
    }

    /** @return the schedule in use. */
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
        timing.markDue();
    }

    /** @param nowNs a HEARTBEAT came now saying the sender waits for its receivers. */
    void senderHeldBack(final long nowNs)
    {
        timing.senderHeldBack(nowNs);
    }

    /**
     * @param nowNs          now.
     * @param senderSilentNs how long nothing new came from the sender.
     * @return whether a regular report is due now ({@link ReportTiming}).
     */
    boolean isDue(final long nowNs, final long senderSilentNs)
    {
        return timing.isDue(nowNs, senderSilentNs);
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
        // The loss counts go in once the listing below has moved them.
        status.write(receiverId, flags, nonce, window.contiguous(), session.windowEnd(), 0, 0);
        final boolean lossDue = timing.lossDue(nowNs);
        final long limit = timing.listLimit(window, lossDue);
        final int ranges = flags == 0 ?
            window.writeMissing(status, StatusFrame.MAX_RANGES, limit, nowNs, schedule.retryFloorNs()) : 0;
        // Lost and received over the same sequences, as the listing left them (StatusFrame#received).
        status.lost((int)window.lostCount()).received((int)window.judgedReceived());
        if (flags == 0 && timing.nothingToSay(window, ranges))
        {
            timing.skipped(window, lossDue, nowNs);
            return;
        }
        send((flags & StatusFrame.FLAG_FAILED) != 0 ? status.writeReason(reason) : StatusFrame.length(ranges), sender);
        timing.reported(window, lossDue, ranges == StatusFrame.MAX_RANGES, nowNs);
    }

    /**
     * Confirms the roster while the sender initializes: it announces every 20 ms until every receiver confirmed,
     * and one confirmation per {@link FeedbackSchedule#crowdAnswerNs} (100 ms, 5 ms a receiver in larger groups, or
     * the group's report interval if longer) is enough, not one per announcement. Each repeat waits twice as long, up to the group's sign-of-life
     * interval: an initialization held up by a receiver that never confirms (the sender drops it after 12.5 s of
     * silence at 64) drew 10 confirmations a second from each of the others for as long.
     *
     * @param nowNs now.
     * @throws IOException when the socket fails.
     */
    void confirm(final long nowNs) throws IOException
    {
        repeat(0, nowNs);
    }

    /**
     * Says DONE, at once the first time, then again for a repeated EOF as {@link #confirm} repeats: the sender
     * repeats EOF every 20 ms until it heard every receiver's DONE, and answering each from every receiver already
     * done made 1.5 to 2 DONEs a receiver at 64, more while one straggler's tail was repaired.
     *
     * @param nowNs now.
     * @throws IOException when the socket fails.
     */
    void confirmDone(final long nowNs) throws IOException
    {
        repeat(StatusFrame.FLAG_DONE, nowNs);
    }

    private void repeat(final int flags, final long nowNs) throws IOException
    {
        if (flags != confirmedFlags || confirmedNs == NONE)
        {
            confirmedFlags = flags;
            confirmedNs = NONE;
            // The whole group confirms at once, and the sender goes on announcing until it heard the last of them.
            confirmIntervalNs = Math.max(FeedbackSchedule.crowdAnswerNs(schedule.groupSize()), schedule.intervalNs());
        }
        if (confirmedNs == NONE || nowNs - confirmedNs >= confirmIntervalNs)
        {
            if (confirmedNs != NONE)
            {
                confirmIntervalNs = Math.min(2 * confirmIntervalNs, Math.max(MAX_INTERVAL_NS, schedule.silenceNs()));
            }
            confirmedNs = nowNs;
            sendStatus(flags, nowNs);
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

    /** @param nowNs when the JOIN went: the first report after it waits its turn, as after any report. */
    void joined(final long nowNs)
    {
        timing.joined(nowNs);
    }

    private void send(final int length, final InetSocketAddress to) throws IOException
    {
        sealer.seal(tx, 0, length);
        transport.send(tx, to);
        // The buffer is reused for the next frame, so a batching transport must not hold on to it.
        transport.flush();
    }
}
