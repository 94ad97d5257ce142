package io.netpipe.sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import io.netpipe.agent.Agent;
import io.netpipe.agent.NanoClock;
import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramTransport;

/**
 * The sender's protocol agent: seek, init, transfer and EOF over one transport, with no threads of its own.
 * It sends what the {@link StreamReader} sealed, keeps it until every live receiver holds it, repeats what
 * receivers report missing, paces itself, and drops receivers that fall silent. Tests drive {@link #doWork()}
 * with an injected clock.
 */
public final class SenderAgent implements Agent
{
    private static final long SEEK_ANNOUNCE_INTERVAL_NS = 100_000_000L;
    private static final long INIT_ANNOUNCE_INTERVAL_NS = 20_000_000L;
    private static final long TRANSFER_ANNOUNCE_INTERVAL_NS = 1_000_000_000L;
    private static final long HEARTBEAT_INTERVAL_NS = 20_000_000L;
    private static final long EOF_INTERVAL_NS = 20_000_000L;
    private static final long PROGRESS_INTERVAL_NS = 250_000_000L;
    private static final long RETRANSMIT_HOLDOFF_NS = 8_000_000L;
    private static final int BURST = 64;
    private static final int BYE_REPEATS = 3;

    private enum State
    {
        SEEK, INIT, TRANSFER, FINISHED
    }

    private final SendConfig config;
    private final FramePool pool;
    private final StreamReader reader;
    private final DatagramTransport transport;
    private final NanoClock clock;
    private final SenderListener listener;
    private final Roster roster;
    private final RetransmitWindow window;
    private final RateController rate;
    private final int payloadCapacity;
    private final ByteBuffer control;
    private final ByteBuffer feedback = ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH + 512);
    private final CRC32 crc = new CRC32();
    private final FrameHeader header = new FrameHeader();
    private final AnnounceFrame announce = new AnnounceFrame();
    private final HeartbeatFrame heartbeat = new HeartbeatFrame();
    private final EofFrame eof = new EofFrame();
    private final ByeFrame bye = new ByeFrame();
    private final JoinFrame join = new JoinFrame();
    private final StatusFrame status = new StatusFrame();
    private final long startNs;
    private State state = State.SEEK;
    private long transferStartNs;
    private long endNs;
    private long nextAnnounceNs;
    private long nextEofNs;
    private long nextProgressNs;
    private long lastSendNs;
    private long packetsSent;
    private long packetsResent;
    private long badFrames;
    private boolean blockedThisInterval;
    private volatile boolean abortRequested;
    private SendResult result;

    /**
     * @param config    the session.
     * @param pool      frames shared with the reader.
     * @param reader    the reader filling them.
     * @param transport the socket, bound to the feedback port.
     * @param clock     the clock.
     * @param listener  hears joins, losses and progress.
     */
    public SenderAgent(final SendConfig config, final FramePool pool, final StreamReader reader,
        final DatagramTransport transport, final NanoClock clock, final SenderListener listener)
    {
        this.config = config;
        this.pool = pool;
        this.reader = reader;
        this.transport = transport;
        this.clock = clock;
        this.listener = listener;
        this.roster = new Roster(AnnounceFrame.maxRoster(config.packetSize()));
        this.window = new RetransmitWindow(pool.frameCount());
        this.payloadCapacity = DataFrame.payloadCapacity(config.packetSize());
        this.control = ByteBuffer.allocateDirect(config.packetSize());
        this.startNs = clock.nanoTime();
        this.rate = new RateController(config.rateCapBytesPerSec(), startNs);
        this.nextAnnounceNs = startNs;
        this.nextProgressNs = startNs + PROGRESS_INTERVAL_NS;
    }

    @Override
    public String roleName()
    {
        return "netpipe-sender";
    }

    @Override
    public boolean isDone()
    {
        return state == State.FINISHED;
    }

    /** @return how the session ended, once {@link #isDone()}. */
    public SendResult result()
    {
        return result;
    }

    /** Asks the agent, from any thread, to end the session and tell the receivers. */
    public void requestAbort()
    {
        abortRequested = true;
    }

    /** @return datagrams received on the feedback port that were not valid for this session. */
    public long badFrames()
    {
        return badFrames;
    }

    @Override
    public int doWork() throws IOException
    {
        if (state == State.FINISHED)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        int work = pollFeedback(nowNs);
        if (abortRequested)
        {
            finish(SendResult.Outcome.ABORTED, "interrupted", nowNs);
            return 1;
        }
        work += switch (state)
        {
            case SEEK -> seek(nowNs);
            case INIT -> init(nowNs);
            case TRANSFER -> transfer(nowNs);
            case FINISHED -> 0;
        };
        if (nowNs >= nextProgressNs && state != State.FINISHED)
        {
            nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
            listener.progress(progress(nowNs));
        }
        transport.flush();
        return work;
    }

    private int seek(final long nowNs) throws IOException
    {
        int work = 0;
        if (nowNs >= nextAnnounceNs)
        {
            sendAnnounce(Phase.SEEK);
            nextAnnounceNs = nowNs + SEEK_ANNOUNCE_INTERVAL_NS;
            work++;
        }
        final int joined = roster.size();
        final boolean waited = config.maxWaitNs() > 0 && nowNs - startNs >= config.maxWaitNs();
        if (joined >= config.expectedReceivers() || (waited && joined >= Math.max(1, config.minReceivers())))
        {
            state = State.INIT;
            nextAnnounceNs = nowNs;
            work++;
        }
        else if (waited)
        {
            finish(SendResult.Outcome.TIMEOUT, "only " + joined + " of " + Math.max(1, config.minReceivers()) +
                " receivers joined within " + config.maxWaitNs() / 1_000_000_000.0 + " s", nowNs);
        }
        return work;
    }

    private int init(final long nowNs) throws IOException
    {
        if (nowNs >= nextAnnounceNs)
        {
            sendAnnounce(Phase.INIT);
            nextAnnounceNs = nowNs + INIT_ANNOUNCE_INTERVAL_NS;
        }
        dropSilent(nowNs);
        if (roster.count(ReceiverState.State.JOINED) > 0)
        {
            return 0;
        }
        state = State.TRANSFER;
        transferStartNs = nowNs;
        nextAnnounceNs = nowNs + TRANSFER_ANNOUNCE_INTERVAL_NS;
        lastSendNs = nowNs;
        listener.transferStarted(roster.view());
        return 1;
    }

    private int transfer(final long nowNs) throws IOException
    {
        dropSilent(nowNs);
        if (null != reader.failure())
        {
            finish(SendResult.Outcome.INPUT_FAILED, "reading the input failed: " + reader.failure().getMessage(), nowNs);
            return 1;
        }
        window.releaseUpTo(roster.minContiguous(window.next()), pool.free());
        int work = sendRetransmits(nowNs) + sendNew(nowNs);
        final boolean allSent = reader.isEof() && window.next() == reader.packetCount();
        if (allSent)
        {
            if (nowNs >= nextEofNs)
            {
                sendEof();
                nextEofNs = nowNs + EOF_INTERVAL_NS;
                work++;
            }
        }
        else if (nowNs - lastSendNs >= HEARTBEAT_INTERVAL_NS)
        {
            control.clear();
            heartbeat.wrap(control).writeHeader(FrameType.HEARTBEAT, config.sessionId());
            heartbeat.nextSequence(window.next());
            sendControl(HeartbeatFrame.LENGTH, config.dataDestination());
            lastSendNs = nowNs;
        }
        if (nowNs >= nextAnnounceNs)
        {
            sendAnnounce(Phase.TRANSFER);
            nextAnnounceNs = nowNs + TRANSFER_ANNOUNCE_INTERVAL_NS;
        }
        if (rate.isIntervalDue(nowNs))
        {
            rate.endInterval(nowNs, LossMonitor.congested(roster), blockedThisInterval);
            blockedThisInterval = false;
        }
        if (roster.liveCount() == 0)
        {
            final int done = roster.count(ReceiverState.State.DONE);
            if (done == roster.size())
            {
                finish(SendResult.Outcome.COMPLETE, "", nowNs);
            }
            else
            {
                finish(SendResult.Outcome.RECEIVERS_LOST, done == 0 ? "all receivers lost" :
                    (roster.size() - done) + " of " + roster.size() + " receivers lost", nowNs);
            }
        }
        return work;
    }

    private int sendNew(final long nowNs) throws IOException
    {
        final long limit = roster.minWindowEnd();
        int sent = 0;
        while (sent < BURST)
        {
            final ByteBuffer frame = pool.filled().relaxedPeek();
            if (null == frame || window.next() >= limit)
            {
                blockedThisInterval = true;
                break;
            }
            if (!rate.tryAcquire(frame.limit(), nowNs) || !transport.send(frame, config.dataDestination()))
            {
                break;
            }
            pool.filled().relaxedPoll();
            window.add(frame, nowNs);
            sent++;
        }
        packetsSent += sent;
        if (sent > 0)
        {
            lastSendNs = nowNs;
        }
        return sent;
    }

    private int sendRetransmits(final long nowNs) throws IOException
    {
        int sent = 0;
        long seq;
        while (sent < BURST && (seq = window.peekRetransmit()) >= 0)
        {
            final ByteBuffer frame = window.frame(seq);
            if (!rate.tryAcquire(frame.limit(), nowNs) || !transport.send(frame, config.dataDestination()))
            {
                break;
            }
            window.retransmitted(nowNs);
            sent++;
        }
        packetsResent += sent;
        if (sent > 0)
        {
            lastSendNs = nowNs;
        }
        return sent;
    }

    private void dropSilent(final long nowNs) throws IOException
    {
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.isLive() && nowNs - r.lastHeardNs > config.dropAfterNs())
            {
                r.state = ReceiverState.State.LOST;
                final String why = "silent for " + Math.round((nowNs - r.lastHeardNs) / 1e9) + " s";
                listener.receiverLost(r, why);
                sendBye(ByeFrame.REASON_DROPPED, r.id(), "dropped by the sender: " + why);
            }
        }
    }

    private int pollFeedback(final long nowNs) throws IOException
    {
        int count = 0;
        InetSocketAddress from;
        while (count < BURST && null != (from = transport.receive(feedback)))
        {
            count++;
            final int length = feedback.limit();
            final FrameType type = FrameHeader.verify(feedback, length, crc);
            if (null == type || header.wrap(feedback).sessionId() != config.sessionId())
            {
                badFrames++;
            }
            else if (type == FrameType.JOIN && join.wrap(feedback).isComplete(length))
            {
                onJoin(from, nowNs);
            }
            else if (type == FrameType.STATUS && status.wrap(feedback).isComplete(length))
            {
                onStatus(nowNs);
            }
            else
            {
                badFrames++;
            }
        }
        return count;
    }

    private void onJoin(final InetSocketAddress from, final long nowNs)
    {
        final ReceiverState known = roster.byNonce(join.nonce());
        if (null != known)
        {
            known.lastHeardNs = nowNs;
        }
        else if (state == State.SEEK && join.window() > 0)
        {
            final ReceiverState r = roster.admit(join.nonce(), from, join.name(), join.window(), nowNs);
            if (null != r)
            {
                listener.receiverJoined(r);
                nextAnnounceNs = nowNs;
            }
        }
    }

    private void onStatus(final long nowNs) throws IOException
    {
        final ReceiverState r = roster.get(status.receiverId());
        if (null == r || r.nonce() != status.nonce())
        {
            badFrames++;
            return;
        }
        if (r.state == ReceiverState.State.LOST)
        {
            // It was dropped but still talks: the BYE that told it was lost, so say it again.
            sendBye(ByeFrame.REASON_DROPPED, r.id(), "dropped by the sender: it was silent too long");
            return;
        }
        r.lastHeardNs = nowNs;
        if (state == State.SEEK)
        {
            // A listed receiver reports while others are still joining: it is alive, nothing else counts yet.
            return;
        }
        r.statusCount++;
        r.contiguous = Math.max(r.contiguous, status.contiguous());
        r.windowEnd = Math.max(r.windowEnd, status.windowEnd());
        r.lastLost = status.lost();
        r.lastReceived = status.received();
        r.lostCount = Integer.toUnsignedLong(status.lost());
        r.receivedCount = Integer.toUnsignedLong(status.received());
        LossMonitor.seen(r);
        if (r.state == ReceiverState.State.JOINED)
        {
            r.state = ReceiverState.State.ACTIVE;
        }
        if ((status.flags() & StatusFrame.FLAG_FAILED) != 0 && r.isLive())
        {
            r.state = ReceiverState.State.FAILED;
            listener.receiverLost(r, "gave up (digest mismatch or output error: see its own message)");
        }
        else if ((status.flags() & StatusFrame.FLAG_DONE) != 0 && reader.isEof() &&
            status.contiguous() == reader.packetCount() && (r.isLive() || r.state == ReceiverState.State.DONE))
        {
            // Release it now rather than when the slowest receiver finishes; repeated for every DONE it repeats.
            r.state = ReceiverState.State.DONE;
            sendBye(ByeFrame.REASON_COMPLETE, r.id(), "complete");
        }
        if (state == State.TRANSFER && r.isLive())
        {
            for (int i = 0; i < status.rangeCount(); i++)
            {
                r.requestedCount += status.rangeLength(i);
                window.request(status.rangeStart(i), status.rangeLength(i), nowNs, RETRANSMIT_HOLDOFF_NS, BURST * 16);
            }
        }
    }

    private void sendAnnounce(final Phase phase) throws IOException
    {
        control.clear();
        announce.wrap(control).writeHeader(FrameType.ANNOUNCE, config.sessionId());
        announce.write(phase, config.packetSize(), config.dataGroup(), config.expectedReceivers(), roster.size());
        for (int i = 0; i < roster.size(); i++)
        {
            announce.nonce(i, roster.get(i).nonce());
        }
        sendControl(AnnounceFrame.length(roster.size()), config.announceDestination());
    }

    private void sendEof() throws IOException
    {
        control.clear();
        eof.wrap(control).writeHeader(FrameType.EOF, config.sessionId());
        eof.packetCount(reader.packetCount()).byteCount(reader.byteCount()).putDigest(reader.digest());
        sendControl(EofFrame.LENGTH, config.dataDestination());
    }

    private void sendBye(final int reason, final int receiverId, final String text) throws IOException
    {
        control.clear();
        bye.wrap(control).writeHeader(FrameType.BYE, config.sessionId());
        sendControl(bye.write(reason, receiverId, text), config.dataDestination());
    }

    private void sendControl(final int length, final InetSocketAddress to) throws IOException
    {
        FrameHeader.seal(control, length, crc);
        transport.send(control, to);
        // The control buffer is reused at once, so a batching transport must not hold on to it.
        transport.flush();
    }

    private void finish(final SendResult.Outcome outcome, final String message, final long nowNs) throws IOException
    {
        final boolean complete = outcome == SendResult.Outcome.COMPLETE || outcome == SendResult.Outcome.RECEIVERS_LOST;
        for (int i = 0; i < BYE_REPEATS; i++)
        {
            sendBye(complete ? ByeFrame.REASON_COMPLETE : ByeFrame.REASON_ABORTED, ByeFrame.ALL_RECEIVERS,
                complete ? "complete" : "the sender stopped: " + message);
        }
        endNs = nowNs;
        state = State.FINISHED;
        result = new SendResult(outcome, message, progress(nowNs), roster.view());
    }

    private SenderProgress progress(final long nowNs)
    {
        final long end = state == State.FINISHED ? endNs : nowNs;
        final long sentBytes = reader.isEof() && window.next() == reader.packetCount() ?
            reader.byteCount() : window.next() * payloadCapacity;
        final long confirmed = Math.min(sentBytes, roster.minContiguous(window.next()) * payloadCapacity);
        return new SenderProgress(
            transferStartNs == 0 ? 0 : end - transferStartNs,
            sentBytes,
            confirmed,
            packetsSent,
            packetsResent,
            rate.rateBytesPerSec(),
            roster.liveCount() + roster.count(ReceiverState.State.DONE),
            roster.size());
    }
}
