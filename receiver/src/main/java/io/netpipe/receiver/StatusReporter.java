package io.netpipe.receiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramTransport;

/**
 * When and what a receiver reports: the one home of its feedback policy. A STATUS goes out a few milliseconds
 * after something changed (a loss seen, data stored, the window moved), at most every {@link #MIN_INTERVAL_NS},
 * and at least every {@link #MAX_INTERVAL_NS} as a sign of life; it carries the position, the window end, the loss
 * counters and the missing ranges. It also sends the JOINs, with the same buffer and sealer.
 */
final class StatusReporter
{
    /** Shortest time between two reports. */
    static final long MIN_INTERVAL_NS = 5_000_000L;
    /** Longest time without a report. */
    static final long MAX_INTERVAL_NS = 100_000_000L;
    private static final int FAILED_REPEATS = 3;

    private final DatagramTransport transport;
    private FrameSealer sealer;
    private final long nonce;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH + 256);
    private final StatusFrame status = new StatusFrame();
    private final JoinFrame join = new JoinFrame();
    private int sessionId;
    private int receiverId;
    private InetSocketAddress sender;
    private ReceiveSession session;
    private long lastStatusNs;
    private long lastWindowEnd;
    private boolean due;

    /**
     * @param transport the socket.
     * @param sealer    the agent thread's sealer.
     * @param nonce     this receiver's random nonce, its identity in the session.
     */
    StatusReporter(final DatagramTransport transport, final FrameSealer sealer, final long nonce)
    {
        this.transport = transport;
        this.sealer = sealer;
        this.nonce = nonce;
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
        lastWindowEnd = session.windowEnd();
        due = false;
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
        final long windowEnd = session.windowEnd();
        if (windowEnd != lastWindowEnd)
        {
            lastWindowEnd = windowEnd;
            due = true;
        }
        return (due && nowNs - lastStatusNs >= MIN_INTERVAL_NS) || nowNs - lastStatusNs >= MAX_INTERVAL_NS;
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
        final ReceiveWindow window = session.window();
        tx.clear();
        status.wrap(tx).writeHeader(FrameType.STATUS, sessionId);
        status.write(receiverId, flags, nonce, window.contiguous(), session.windowEnd(), (int)window.lostCount(),
            (int)window.receivedCount());
        final int ranges = flags == 0 ? window.writeMissing(status, StatusFrame.MAX_RANGES, window.highest()) : 0;
        status.lost((int)window.lostCount());
        send(StatusFrame.length(ranges), sender);
        lastStatusNs = nowNs;
        due = window.contiguous() < window.highest();
    }

    /**
     * Tells the sender this receiver gave up, a few times over, since nothing answers it.
     *
     * @param nowNs now.
     * @throws IOException when the socket fails.
     */
    void sendFailed(final long nowNs) throws IOException
    {
        for (int i = 0; i < FAILED_REPEATS; i++)
        {
            sendStatus(StatusFrame.FLAG_FAILED, nowNs);
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
        send(join.write(nonce, session.slots(), name), sender);
    }

    private void send(final int length, final InetSocketAddress to) throws IOException
    {
        sealer.seal(tx, 0, length);
        transport.send(tx, to);
        // The buffer is reused for the next frame, so a batching transport must not hold on to it.
        transport.flush();
    }
}
