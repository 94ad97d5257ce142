package io.netpipe.receiver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.transport.DatagramHandler;

/**
 * Everything that arrives on a receiver's data port, in place: verified by the {@link ReceiverSealing}'s current
 * {@link FrameVerifier},
 * filtered by sender, and dispatched: ANNOUNCE to the {@link SessionFinder}, DATA and HEARTBEAT to the
 * {@link ReceiveSession}, EOF and BYE to the {@link ReceiverAgent}. What fails a check is counted and dropped.
 */
final class Inbound implements DatagramHandler
{
    private final ReceiverAgent agent;
    private final ReceiverSealing sealing;
    private final int trailerLength;
    private final InetAddress senderFilter;
    private final SessionFinder finder;
    private final StatusReporter reporter;
    private final SenderWatch watch;
    private final ReceiverStats stats;
    private long nowNs;
    private final FrameHeader header = new FrameHeader();
    private final AnnounceFrame announce = new AnnounceFrame();
    private final DataFrame data = new DataFrame();
    private final HeartbeatFrame heartbeat = new HeartbeatFrame();
    private final EofFrame eof = new EofFrame();
    private final ByeFrame bye = new ByeFrame();

    Inbound(final ReceiverAgent agent, final ReceiverSealing sealing, final InetAddress senderFilter,
        final SessionFinder finder, final StatusReporter reporter, final SenderWatch watch, final ReceiverStats stats)
    {
        this.finder = finder;
        this.reporter = reporter;
        this.watch = watch;
        this.agent = agent;
        this.sealing = sealing;
        this.trailerLength = sealing.trailerLength();
        this.senderFilter = senderFilter;
        this.stats = stats;
    }

    /** @param nowNs the time the next datagrams arrive at. */
    void at(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    @Override
    public void onDatagram(final ByteBuffer buffer, final int offset, final int datagramLength,
        final InetSocketAddress from) throws IOException
    {
        if (agent.isDone())
        {
            return;
        }
        final FrameType type = sealing.verifier().verify(buffer, offset, datagramLength);
        final int length = datagramLength - trailerLength;
        if (null == type || (null != senderFilter && !senderFilter.equals(from.getAddress())))
        {
            stats.badFrames++;
            return;
        }
        final int sessionId = header.wrap(buffer, offset).sessionId();
        if (type == FrameType.ANNOUNCE && announce.wrap(buffer, offset).isComplete(length))
        {
            final int before = finder.sessionId();
            agent.onAnnounce(announce, from, sessionId);
            if (finder.sessionId() != before)
            {
                // Found a session (keyed: from now on only its frames verify), or left out of one.
                if (finder.sessionId() != 0)
                {
                    sealing.joined(buffer, offset, datagramLength);
                }
                else
                {
                    sealing.left();
                }
            }
        }
        else if (sessionId == 0 || sessionId != finder.sessionId())
        {
            // Not the session found or joined (while waiting, none is).
            stats.badFrames++;
        }
        else
        {
            watch.heard(nowNs);
            dispatch(type, buffer, offset, length);
        }
    }

    private void dispatch(final FrameType type, final ByteBuffer buffer, final int offset, final int length)
        throws IOException
    {
        final ReceiveSession session = agent.memberSession();
        switch (type)
        {
            case DATA ->
            {
                if (null != session && data.wrap(buffer, offset).isComplete(length))
                {
                    onData(session, buffer, offset, length);
                }
            }
            case HEARTBEAT ->
            {
                if (null != session && heartbeat.wrap(buffer, offset).isComplete(length) &&
                    session.onHeartbeat(heartbeat.nextSequence()))
                {
                    reporter.markDue();
                }
            }
            case EOF ->
            {
                if (eof.wrap(buffer, offset).isComplete(length))
                {
                    onEof(session);
                }
            }
            case BYE ->
            {
                if (bye.wrap(buffer, offset).isComplete(length))
                {
                    agent.onBye(bye);
                }
            }
            default -> stats.badFrames++;
        }
    }

    /** The first valid EOF sets the session's totals; a verified receiver answers any EOF with DONE again. */
    private void onEof(final ReceiveSession session) throws IOException
    {
        if (null == session || session.hasTotals())
        {
            agent.onEofAgain();
        }
        else if (session.onEof(eof))
        {
            reporter.markDue();
        }
        else
        {
            stats.badFrames++;
        }
    }

    private void onData(final ReceiveSession session, final ByteBuffer buffer, final int offset, final int length)
    {
        switch (session.onData(buffer, offset, length))
        {
            case STORED -> reporter.markDue();
            case DUPLICATE -> stats.duplicates++;
            case BEYOND_WINDOW -> stats.beyondWindow++;
            case INVALID -> stats.badFrames++;
        }
    }
}
