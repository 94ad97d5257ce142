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
import io.netpipe.protocol.ParityFrame;
import io.netpipe.transport.DatagramHandler;

/**
 * Everything that arrives on a receiver's data port, in place: verified by the {@link ReceiverSealing}'s current
 * {@link FrameVerifier},
 * filtered by sender, and dispatched: ANNOUNCE to the {@link SessionFinder}, DATA, PARITY and HEARTBEAT to the
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
    private final ParityFrame parity = new ParityFrame();
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
        if (finder.sessionId() != 0 && !from.getAddress().equals(finder.sender().getAddress()))
        {
            // Locked onto the sender found: another host's frames are dropped, whatever session id they carry.
            stats.badFrames++;
            return;
        }
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
        else if (dispatch(type, buffer, offset, length))
        {
            // Only frames valid for the session keep it alive: a peer sending impossible or contradicting frames
            // with the right session id is silent for the silence limit. A valid HEARTBEAT counts: a sender waiting
            // for its input, or for a slower receiver, says so with nothing new to send.
            watch.heard(nowNs);
        }
    }

    /** @return whether the frame was valid and new to the session: progress. */
    private boolean dispatch(final FrameType type, final ByteBuffer buffer, final int offset, final int length)
        throws IOException
    {
        final ReceiveSession session = agent.memberSession();
        final boolean progress = switch (type)
        {
            case DATA -> null != session && data.wrap(buffer, offset).isComplete(length) &&
                onData(session, buffer, offset, length);
            case HEARTBEAT -> null != session && heartbeat.wrap(buffer, offset).isComplete(length) &&
                onHeartbeat(session);
            case PARITY -> null != session && parity.wrap(buffer, offset).isComplete(length) &&
                onParity(session, length);
            case EOF -> null != session && eof.wrap(buffer, offset).isComplete(length) && onEof(session);
            case BYE ->
            {
                if (bye.wrap(buffer, offset).isComplete(length))
                {
                    agent.onBye(bye, reporter.endSecret().judge(bye, finder.receiverId()));
                }
                yield true;
            }
            default -> false;
        };
        if (!progress && null != session && type != FrameType.DATA && type != FrameType.HEARTBEAT &&
            type != FrameType.PARITY)
        {
            stats.badFrames++;
        }
        return progress;
    }

    /** Like DATA: a parity packet kept or decoding is new to the session; a repeated or useless one is not. */
    private boolean onParity(final ReceiveSession session, final int length)
    {
        switch (session.onParity(parity, length, nowNs))
        {
            case RECOVERED ->
            {
                reporter.markDue();
                return true;
            }
            case KEPT ->
            {
                return true;
            }
            case DUPLICATE -> stats.duplicates++;
            case BEYOND_WINDOW -> stats.beyondWindow++;
            case INVALID -> stats.badFrames++;
        }
        return false;
    }

    private boolean onHeartbeat(final ReceiveSession session)
    {
        final Heard heard = session.onHeartbeat(heartbeat, nowNs);
        if (heartbeat.heldBack() && (heard == Heard.GAP || heard == Heard.NOTHING))
        {
            reporter.senderHeldBack(nowNs);
        }
        return switch (heard)
        {
            case GAP ->
            {
                reporter.markDue();
                yield true;
            }
            case NOTHING -> true;
            case STALE ->
            {
                stats.duplicates++;
                yield false;
            }
            case INVALID ->
            {
                stats.badFrames++;
                yield false;
            }
        };
    }

    /** The session found never started and its sender fell silent: forget it (keyed: its keys too), and wait. */
    void abandon()
    {
        finder.abandon();
        sealing.left();
    }

    /**
     * The first valid EOF sets the session's totals and a later one must agree (else the session is corrupt); a
     * verified receiver answers a repeated EOF with DONE again.
     */
    private boolean onEof(final ReceiveSession session) throws IOException
    {
        final boolean again = session.hasTotals();
        if (!session.onEof(eof))
        {
            return false;
        }
        if (again && !session.isContradicted())
        {
            agent.onEofAgain();
        }
        else
        {
            reporter.markDue();
        }
        return !session.isContradicted();
    }

    /**
     * @return whether the DATA keeps the session alive: new DATA only. A duplicate does not: replayed old frames
     *         would keep a dead session alive forever; a sender repairing for another receiver heartbeats meanwhile.
     *         Impossible DATA or DATA beyond the window offered never does either.
     */
    private boolean onData(final ReceiveSession session, final ByteBuffer buffer, final int offset, final int length)
    {
        switch (session.onData(buffer, offset, length, nowNs))
        {
            case STORED ->
            {
                reporter.markDue();
                return true;
            }
            case DUPLICATE -> stats.duplicates++;
            case BEYOND_WINDOW -> stats.beyondWindow++;
            case INVALID -> stats.badFrames++;
        }
        return false;
    }
}
