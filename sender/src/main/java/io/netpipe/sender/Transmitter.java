package io.netpipe.sender;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.transport.DatagramTransport;

/**
 * Puts the stream on the wire during the transfer: repairs first, then new data as far as flow control allows,
 * every datagram paced by the {@link RateController}, queued on the transport in bursts for one flush; a HEARTBEAT
 * when it has been quiet, and EOF (repeated) once everything was sent. It also closes the rate intervals, feeding
 * the {@link CongestionEstimator}'s verdict to the rate controller.
 */
final class Transmitter
{
    /** Most datagrams of each kind queued in one duty cycle, so feedback is read between bursts. */
    static final int BURST = 64;
    private static final int K = ParityFrame.BLOCK_PACKETS;
    /**
     * EOF repeats as often as a heartbeat would go: it is what the tail sends instead, and receivers take a sender
     * not heard for a few heartbeat intervals for one that is not running.
     */
    private static final long EOF_INTERVAL_NS = HeartbeatFrame.INTERVAL_NS;

    private final SendConfig config;
    private final FramePool pool;
    private final StreamReader reader;
    private final DatagramTransport transport;
    private final RetransmitWindow window;
    private final RetransmitPolicy repairs;
    private final FlowControl flow;
    private final CongestionEstimator congestion;
    private final RateController rate;
    private final ControlFrames control;
    private final SenderStats stats;
    private final ParityEncoder encoder;
    private long lastSendNs;
    private boolean lastBlockQueued;
    private long nextEofNs;
    private boolean eofSent;
    private boolean blockedThisInterval;
    /** Whether new data waits for the receivers (their window ends, or the retransmit window), as heartbeats say. */
    private boolean heldBack;

    Transmitter(final SendConfig config, final FramePool pool, final StreamReader reader,
        final DatagramTransport transport, final RetransmitWindow window, final FlowControl flow,
        final CongestionEstimator congestion, final RateController rate, final ControlFrames control,
        final SenderStats stats)
    {
        this.config = config;
        this.pool = pool;
        this.reader = reader;
        this.transport = transport;
        this.window = window;
        final boolean fec = config.fecActive();
        this.repairs = new RetransmitPolicy(window,
            fec ? new ParityDemand(window.capacity(), config.fecAdaptive()) : null);
        this.encoder = fec ? new ParityEncoder(config, config.sealing().newSealer()) : null;
        this.flow = flow;
        this.congestion = congestion;
        this.rate = rate;
        this.control = control;
        this.stats = stats;
    }

    /** @return the repair policy, which feedback feeds. */
    RetransmitPolicy repairs()
    {
        return repairs;
    }

    /** @return whether every packet of the stream has been sent at least once. */
    /** @return whether every packet was sent once and the EOF after them: only then may a receiver be DONE. */
    boolean eofSent()
    {
        return eofSent;
    }

    /** @return how many sequences were sent (at least once): no receiver can hold or miss more. */
    long sentCount()
    {
        return window.next();
    }

    boolean allSent()
    {
        return reader.isEof() && window.next() == reader.packetCount();
    }

    /**
     * Starts the transfer's clocks.
     *
     * @param nowNs now.
     */
    void start(final long nowNs)
    {
        lastSendNs = nowNs;
    }

    /**
     * One duty cycle of the transfer.
     *
     * @param roster the receivers.
     * @param nowNs  now.
     * @return datagrams sent.
     * @throws IOException when the socket fails.
     */
    int transmit(final Roster roster, final long nowNs) throws IOException
    {
        final long releasePoint = flow.releasePoint(roster, window.next());
        // With parity on, frames go back by whole blocks: a block's parity is encoded from all its frames.
        window.releaseUpTo(null == encoder ? releasePoint : releasePoint / K * K, pool.free());
        if (null != encoder && reader.isEof())
        {
            repairs.streamEnds(reader.packetCount());
            if (allSent() && !lastBlockQueued && reader.packetCount() % K != 0)
            {
                lastBlockQueued = true;
                repairs.proactive(reader.packetCount() / K, config.fecProactive(), nowNs);
            }
        }
        int work = 0;
        if (repairs.noticeCount() > 0)
        {
            // Announce the repairs before sending them, so receivers still backing off drop their NAKs.
            control.repairNotice(window.next(), heldBack, repairs);
            repairs.noticeSent();
            work++;
        }
        work += sendParity(nowNs) + sendRepairs(nowNs) + sendNew(flow.sendLimit(roster), nowNs);
        if (allSent())
        {
            if (nowNs >= nextEofNs)
            {
                control.eof(reader.packetCount(), reader.byteCount(), reader.digest());
                eofSent = true;
                nextEofNs = nowNs + EOF_INTERVAL_NS;
                work++;
            }
        }
        else if (nowNs - lastSendNs >= HeartbeatFrame.INTERVAL_NS)
        {
            control.heartbeat(window.next(), heldBack);
            lastSendNs = nowNs;
        }
        if (rate.isIntervalDue(nowNs))
        {
            final boolean congested = congestion.congested(roster);
            final double before = rate.rateBytesPerSec();
            rate.endInterval(nowNs, congested, blockedThisInterval, congestion.confirmed(roster, nowNs),
                congestion.worstLoss());
            if (congested)
            {
                congestion.cut(roster, window.next());
            }
            else if (congestion.takeUndo())
            {
                rate.undoCut();
            }
            else if (rate.rateBytesPerSec() > before)
            {
                congestion.grown(roster, window.next(), nowNs);
            }
            if (null != repairs.parity())
            {
                repairs.parity().lossSpread(congestion.lossSpread(roster));
            }
            blockedThisInterval = false;
        }
        return work;
    }

    private int sendParity(final long nowNs) throws IOException
    {
        final ParityDemand parity = repairs.parity();
        int sent = 0;
        while (null != parity && sent < BURST && parity.hasQueued())
        {
            final long block = parity.peekBlock();
            final int count = repairs.encodableCount(block);
            if (count == 0)
            {
                // Released meanwhile: every receiver holds the block.
                parity.poll();
                continue;
            }
            if (!rate.tryAcquire(encoder.frameLength(), nowNs))
            {
                break;
            }
            if (!transport.send(encoder.encode(window, block, count, parity.peekIndex()), config.dataDestination()))
            {
                break;
            }
            parity.poll();
            sent++;
        }
        stats.paritySent(sent);
        return sent;
    }

    private int sendRepairs(final long nowNs) throws IOException
    {
        int sent = 0;
        ByteBuffer frame;
        while (sent < BURST && null != (frame = repairs.nextRepair()))
        {
            if (!rate.tryAcquire(frame.limit(), nowNs) || !transport.send(frame, config.dataDestination()))
            {
                break;
            }
            repairs.repaired(nowNs);
            sent++;
        }
        // Repairs do not put off the HEARTBEAT: receivers count only new DATA and heartbeats as the sender being
        // there (a duplicate may be a replay), and one that has everything hears nothing else while others repair.
        stats.repairsSent(sent);
        return sent;
    }

    private int sendNew(final long limit, final long nowNs) throws IOException
    {
        int sent = 0;
        while (sent < BURST)
        {
            final ByteBuffer frame = pool.filled().relaxedPeek();
            if (null == frame || window.next() >= limit)
            {
                // No frame to send while none is free either: the retransmit window holds them all for a receiver.
                heldBack = window.next() >= limit || (null == frame && pool.free().isEmpty());
                blockedThisInterval = true;
                break;
            }
            heldBack = false;
            if (!rate.tryAcquire(frame.limit(), nowNs) || !transport.send(frame, config.dataDestination()))
            {
                break;
            }
            pool.filled().relaxedPoll();
            window.add(frame, nowNs);
            sent++;
            if (null != encoder && window.next() % K == 0)
            {
                repairs.proactive(window.next() / K - 1, config.fecProactive(), nowNs);
            }
        }
        stats.packetsSent(sent);
        if (sent > 0)
        {
            lastSendNs = nowNs;
        }
        return sent;
    }
}
