package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
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
import io.netpipe.protocol.ReceiveWindow;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramTransport;

/**
 * A receiver's protocol agent: finds a session, joins it, reassembles DATA into the writer's ring, reports its
 * position and losses in STATUS frames, and confirms only once the {@link StreamWriter} has written everything and
 * the digest matched. It never reports success for an incomplete or corrupt stream. Tests drive {@link #doWork()}.
 */
public final class ReceiverAgent implements Agent
{
    private static final long JOIN_INTERVAL_NS = 100_000_000L;
    private static final long STATUS_INTERVAL_NS = 5_000_000L;
    private static final long STATUS_HEARTBEAT_NS = 100_000_000L;
    private static final long LINGER_NS = 1_000_000_000L;
    private static final long PROGRESS_INTERVAL_NS = 250_000_000L;
    /**
     * A sender heartbeats every 20 ms when it has nothing else to send, so this much silence means the datagrams
     * are not reaching us; for a multicast session the likeliest cause is a switch that never registered our
     * membership report, which only a new report mends.
     */
    private static final long RENEW_AFTER_SILENCE_NS = 250_000_000L;
    private static final long RENEW_INTERVAL_NS = 500_000_000L;
    private static final int BURST = 64;
    private static final int MIN_SLOTS = 64;
    private static final int FAILED_REPEATS = 3;

    private enum State
    {
        WAITING, JOINING, MEMBER, VERIFIED, FINISHED
    }

    private final RecvConfig config;
    private final DatagramTransport transport;
    private final StreamWriter writer;
    private final GroupMembership membership;
    private final NanoClock clock;
    private final ReceiverListener listener;
    private final long nonce = new SecureRandom().nextLong();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(Math.max(StatusFrame.MAX_LENGTH, 256));
    private final CRC32 crc = new CRC32();
    private final FrameHeader header = new FrameHeader();
    private final AnnounceFrame announce = new AnnounceFrame();
    private final DataFrame data = new DataFrame();
    private final HeartbeatFrame heartbeat = new HeartbeatFrame();
    private final EofFrame eof = new EofFrame();
    private final ByeFrame bye = new ByeFrame();
    private final JoinFrame join = new JoinFrame();
    private final StatusFrame status = new StatusFrame();
    private final byte[] expectedDigest = new byte[EofFrame.DIGEST_LENGTH];
    private final long startNs;
    private State state = State.WAITING;
    private int sessionId;
    private int ignoredSessionId;
    private InetSocketAddress sender;
    private int receiverId = -1;
    private int payloadCapacity;
    private int slots;
    private ReceiveWindow window;
    private ByteBuffer ring;
    private int[] slotLength;
    private long contiguousBytes;
    private long totalPackets = -1;
    private long totalBytes;
    private boolean endPublished;
    private long admittedNs;
    private long lastSenderNs;
    private long nextJoinNs;
    /** The session's multicast group, or null for broadcast. */
    private Inet4Address group;
    private long nextRenewNs;
    private long renewals;
    private long lastStatusNs;
    private long lastWindowEnd;
    private long nextProgressNs;
    private boolean statusDue;
    private boolean backlog;
    private long badFrames;
    private long duplicates;
    private volatile boolean abortRequested;
    private RecvResult result;

    /**
     * @param config     the receiver's configuration.
     * @param transport  the socket bound to the data port.
     * @param writer     the writer of the output.
     * @param membership joins an announced multicast group.
     * @param clock      the clock.
     * @param listener   hears what happens.
     */
    public ReceiverAgent(final RecvConfig config, final DatagramTransport transport, final StreamWriter writer,
        final GroupMembership membership, final NanoClock clock, final ReceiverListener listener)
    {
        this.config = config;
        this.transport = transport;
        this.writer = writer;
        this.membership = membership;
        this.clock = clock;
        this.listener = listener;
        this.startNs = clock.nanoTime();
    }

    @Override
    public String roleName()
    {
        return "netpipe-receiver";
    }

    @Override
    public boolean isDone()
    {
        return state == State.FINISHED;
    }

    /** @return how the receiver ended, once {@link #isDone()}. */
    public RecvResult result()
    {
        return result;
    }

    /** @return datagrams dropped as invalid (bad CRC, foreign, malformed). */
    public long badFrames()
    {
        return badFrames;
    }

    /** @return DATA frames that arrived again. */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return how many times the multicast membership was renewed because the sender fell silent. */
    public long membershipRenewals()
    {
        return renewals;
    }

    /** Asks the agent, from any thread, to give up and tell the sender. */
    public void requestAbort()
    {
        abortRequested = true;
    }

    @Override
    public int doWork() throws IOException
    {
        if (state == State.FINISHED)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        int work = poll(nowNs);
        if (state == State.FINISHED)
        {
            return work;
        }
        if (abortRequested)
        {
            fail(RecvResult.Outcome.INCOMPLETE, "interrupted", nowNs);
            return 1;
        }
        switch (state)
        {
            case WAITING ->
            {
                if (config.waitTimeoutNs() > 0 && nowNs - startNs > config.waitTimeoutNs())
                {
                    finish(RecvResult.Outcome.TIMEOUT, "no session found within " + seconds(config.waitTimeoutNs()), nowNs);
                }
            }
            case JOINING ->
            {
                if (nowNs >= nextJoinNs)
                {
                    sendJoin();
                    nextJoinNs = nowNs + JOIN_INTERVAL_NS;
                    work++;
                }
                checkSenderSilence(nowNs);
            }
            case MEMBER -> work += member(nowNs);
            case VERIFIED ->
            {
                if (nowNs - lastSenderNs > LINGER_NS)
                {
                    finish(RecvResult.Outcome.COMPLETE, "", nowNs);
                }
            }
            default ->
            {
            }
        }
        return work;
    }

    private int member(final long nowNs) throws IOException
    {
        if (null != writer.failure())
        {
            fail(RecvResult.Outcome.OUTPUT_FAILED, "writing the output failed: " + writer.failure().getMessage(), nowNs);
            return 1;
        }
        if (totalPackets >= 0 && !endPublished && window.contiguous() == totalPackets)
        {
            endPublished = true;
            if (contiguousBytes != totalBytes)
            {
                fail(RecvResult.Outcome.CORRUPT, "the stream has " + contiguousBytes + " bytes but the sender sent " +
                    totalBytes, nowNs);
                return 1;
            }
            writer.publishEnd(totalBytes, expectedDigest);
        }
        final Boolean matched = writer.digestMatched();
        if (null != matched)
        {
            if (!matched)
            {
                fail(RecvResult.Outcome.CORRUPT, "the SHA-256 of the stream does not match the sender's", nowNs);
                return 1;
            }
            state = State.VERIFIED;
            sendStatus(StatusFrame.FLAG_DONE, nowNs);
            return 1;
        }
        final long windowEnd = window.windowEnd(writerPosition());
        if (windowEnd != lastWindowEnd)
        {
            lastWindowEnd = windowEnd;
            statusDue = true;
        }
        if ((statusDue && nowNs - lastStatusNs >= STATUS_INTERVAL_NS) || nowNs - lastStatusNs >= STATUS_HEARTBEAT_NS)
        {
            sendStatus(0, nowNs);
        }
        if (nowNs >= nextProgressNs)
        {
            nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
            listener.progress(writer.writtenBytes(), nowNs - admittedNs);
        }
        checkSenderSilence(nowNs);
        return 0;
    }

    private long writerPosition()
    {
        return writer.writtenBytes() / payloadCapacity;
    }

    private void checkSenderSilence(final long nowNs)
    {
        if (null != group && nowNs - lastSenderNs >= RENEW_AFTER_SILENCE_NS && nowNs - nextRenewNs >= 0)
        {
            nextRenewNs = nowNs + RENEW_INTERVAL_NS;
            renewals++;
            try
            {
                membership.renew(group);
            }
            catch (final IOException ex)
            {
                // Tried again at the next interval; if the group stays silent, the silence limit decides.
            }
        }
        // Datagrams still queued may be the sender's: while some are, wait up to twice the limit before judging.
        final long limitNs = backlog ? 2 * config.senderSilenceNs() : config.senderSilenceNs();
        if (nowNs - lastSenderNs > limitNs)
        {
            finish(RecvResult.Outcome.INCOMPLETE, "the sender has been silent for " + seconds(nowNs - lastSenderNs) +
                "; the stream is incomplete (" + writer.writtenBytes() + " bytes written)", nowNs);
        }
    }

    private int poll(final long nowNs) throws IOException
    {
        int count = 0;
        InetSocketAddress from;
        while (count < BURST && state != State.FINISHED && null != (from = transport.receive(rx)))
        {
            count++;
            final int length = rx.limit();
            final FrameType type = FrameHeader.verify(rx, length, crc);
            final InetAddress filter = config.senderFilter();
            if (null == type || (null != filter && !filter.equals(from.getAddress())))
            {
                badFrames++;
                continue;
            }
            final int session = header.wrap(rx).sessionId();
            if (type == FrameType.ANNOUNCE && announce.wrap(rx).isComplete(length))
            {
                onAnnounce(from, session, nowNs);
            }
            else if (session != sessionId || state == State.WAITING)
            {
                badFrames++;
            }
            else
            {
                lastSenderNs = nowNs;
                dispatch(type, length, nowNs);
            }
        }
        backlog = count == BURST;
        return count;
    }

    private void dispatch(final FrameType type, final int length, final long nowNs) throws IOException
    {
        switch (type)
        {
            case DATA -> onData(length);
            case HEARTBEAT ->
            {
                if (state == State.MEMBER && heartbeat.wrap(rx).isComplete(length))
                {
                    window.sentUpTo(heartbeat.nextSequence());
                    statusDue |= window.contiguous() < window.highest();
                }
            }
            case EOF ->
            {
                if (eof.wrap(rx).isComplete(length))
                {
                    onEof(nowNs);
                }
            }
            case BYE ->
            {
                if (bye.wrap(rx).isComplete(length))
                {
                    onBye(nowNs);
                }
            }
            default -> badFrames++;
        }
    }

    private void onAnnounce(final InetSocketAddress from, final int session, final long nowNs) throws IOException
    {
        final Phase phase = Phase.get(announce.phaseCode());
        final int packetSize = announce.packetSize();
        if (null == phase || packetSize < DataFrame.MIN_PACKET_SIZE || packetSize > DataFrame.MAX_PACKET_SIZE)
        {
            badFrames++;
            return;
        }
        if (state == State.WAITING)
        {
            if (session == ignoredSessionId || session == 0)
            {
                return;
            }
            if (phase != Phase.SEEK)
            {
                ignoredSessionId = session;
                listener.notice("session " + Integer.toHexString(session) + " from " + from.getAddress().getHostAddress() +
                    " has already started; waiting for the next one");
                return;
            }
            startJoining(from, session, packetSize, nowNs);
        }
        if (session != sessionId)
        {
            return;
        }
        lastSenderNs = nowNs;
        if (state == State.JOINING)
        {
            for (int i = 0; i < announce.rosterCount(); i++)
            {
                if (announce.nonce(i) == nonce)
                {
                    receiverId = i;
                    state = State.MEMBER;
                    admittedNs = nowNs;
                    listener.admitted(i);
                    sendStatus(0, nowNs);
                    return;
                }
            }
            if (phase != Phase.SEEK)
            {
                listener.notice("session " + Integer.toHexString(session) + " started without this receiver " +
                    "(too many receivers?); waiting for the next one");
                ignoredSessionId = session;
                sessionId = 0;
                state = State.WAITING;
            }
        }
        else if (state == State.MEMBER && phase == Phase.INIT)
        {
            sendStatus(0, nowNs);
        }
    }

    private void startJoining(final InetSocketAddress from, final int session, final int packetSize, final long nowNs)
        throws IOException
    {
        sessionId = session;
        sender = from;
        payloadCapacity = DataFrame.payloadCapacity(packetSize);
        slots = (int)Math.max(MIN_SLOTS, Math.min(Integer.MAX_VALUE / payloadCapacity, config.bufferBytes() / payloadCapacity));
        window = new ReceiveWindow(slots);
        ring = ByteBuffer.allocateDirect(slots * payloadCapacity);
        slotLength = new int[slots];
        writer.ring(ring);
        lastWindowEnd = slots;
        state = State.JOINING;
        nextJoinNs = nowNs;
        lastSenderNs = nowNs;
        listener.sessionFound(from, session);
        final int announced = announce.group();
        if (announced != 0)
        {
            group = (Inet4Address)InetAddress.getByAddress(new byte[] {
                (byte)(announced >>> 24), (byte)(announced >>> 16), (byte)(announced >>> 8), (byte)announced});
            membership.join(group);
        }
    }

    private void onData(final int length)
    {
        if (state != State.MEMBER || !data.wrap(rx).isComplete(length))
        {
            return;
        }
        final int payloadLength = DataFrame.payloadLength(length);
        final long seq = data.sequence();
        if (payloadLength > payloadCapacity || (totalPackets >= 0 && seq >= totalPackets))
        {
            badFrames++;
            return;
        }
        final int slot = window.slotFor(seq, writerPosition());
        if (slot < 0)
        {
            duplicates++;
            return;
        }
        ring.put(slot * payloadCapacity, rx, DataFrame.PAYLOAD_OFFSET, payloadLength);
        slotLength[slot] = payloadLength;
        final long before = window.contiguous();
        final long advanced = window.mark(seq);
        for (long s = before; s < before + advanced; s++)
        {
            contiguousBytes += slotLength[(int)(s % slots)];
        }
        if (advanced > 0)
        {
            writer.publishAvailable(contiguousBytes);
        }
        statusDue = true;
    }

    private void onEof(final long nowNs) throws IOException
    {
        if (state == State.VERIFIED)
        {
            sendStatus(StatusFrame.FLAG_DONE, nowNs);
            return;
        }
        if (state != State.MEMBER || totalPackets >= 0)
        {
            return;
        }
        if (eof.packetCount() < window.highest() || eof.packetCount() < 0 || eof.byteCount() < 0)
        {
            badFrames++;
            return;
        }
        totalPackets = eof.packetCount();
        totalBytes = eof.byteCount();
        eof.getDigest(expectedDigest);
        window.sentUpTo(totalPackets);
        statusDue = true;
    }

    private void onBye(final long nowNs) throws IOException
    {
        if (bye.receiverId() != ByeFrame.ALL_RECEIVERS && bye.receiverId() != receiverId)
        {
            return;
        }
        if (state == State.VERIFIED)
        {
            finish(RecvResult.Outcome.COMPLETE, "", nowNs);
        }
        else if (state == State.MEMBER || state == State.JOINING)
        {
            final String why = bye.reason() == ByeFrame.REASON_COMPLETE ?
                "the sender ended the session before this receiver had the whole stream" : bye.text();
            finish(RecvResult.Outcome.INCOMPLETE, why, nowNs);
        }
    }

    private void sendJoin() throws IOException
    {
        tx.clear();
        join.wrap(tx).writeHeader(FrameType.JOIN, sessionId);
        FrameHeader.seal(tx, join.write(nonce, slots, config.name()), crc);
        transport.send(tx, sender);
        transport.flush();
    }

    private void sendStatus(final int flags, final long nowNs) throws IOException
    {
        tx.clear();
        status.wrap(tx).writeHeader(FrameType.STATUS, sessionId);
        status.write(receiverId, flags, nonce, window.contiguous(), window.windowEnd(writerPosition()),
            (int)window.lostCount(), (int)window.receivedCount());
        final int ranges = flags == 0 ? window.writeMissing(status, StatusFrame.MAX_RANGES, window.highest()) : 0;
        status.lost((int)window.lostCount());
        FrameHeader.seal(tx, StatusFrame.length(ranges), crc);
        transport.send(tx, sender);
        transport.flush();
        lastStatusNs = nowNs;
        statusDue = window.contiguous() < window.highest();
    }

    private void fail(final RecvResult.Outcome outcome, final String message, final long nowNs) throws IOException
    {
        if (state == State.MEMBER)
        {
            for (int i = 0; i < FAILED_REPEATS; i++)
            {
                sendStatus(StatusFrame.FLAG_FAILED, nowNs);
            }
        }
        finish(outcome, message, nowNs);
    }

    private void finish(final RecvResult.Outcome outcome, final String message, final long nowNs)
    {
        if (outcome != RecvResult.Outcome.COMPLETE)
        {
            writer.stop();
        }
        state = State.FINISHED;
        result = new RecvResult(outcome, message, writer.writtenBytes(), admittedNs == 0 ? 0 : nowNs - admittedNs,
            sessionId, renewals);
    }

    private static String seconds(final long ns)
    {
        return String.format("%.1f s", ns / 1e9);
    }
}
