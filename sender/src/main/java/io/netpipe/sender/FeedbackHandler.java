package io.netpipe.sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.PrintableText;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramHandler;

/**
 * Verifies the datagrams on the feedback port and dispatches them: JOINs to the {@link Rendezvous}, STATUS into
 * the receiver's state and from there to flow control, the congestion estimator and the repair policy; DONE and
 * FAILED settle a receiver. Anything else is counted and dropped.
 */
final class FeedbackHandler implements DatagramHandler
{
    private final SendConfig config;
    private final FrameVerifier verifier;
    private final int trailerLength;
    private final Roster roster;
    private final Rendezvous rendezvous;
    private final FlowControl flow;
    private final CongestionEstimator congestion;
    private final Transmitter transmitter;
    private final RetransmitPolicy repairs;
    private final StreamReader reader;
    private final ControlFrames control;
    private final SenderListener listener;
    private final SenderStats stats;
    private final Strangers strangers;
    private final FrameHeader header = new FrameHeader();
    private final JoinFrame join = new JoinFrame();
    private final StatusFrame status = new StatusFrame();
    private long nowNs;
    private boolean seeking = true;
    private boolean transferring;

    FeedbackHandler(final SendConfig config, final FrameVerifier verifier, final Roster roster,
        final Rendezvous rendezvous, final FlowControl flow, final CongestionEstimator congestion,
        final Transmitter transmitter, final StreamReader reader, final ControlFrames control,
        final SenderListener listener, final SenderStats stats)
    {
        this.config = config;
        this.verifier = verifier;
        this.trailerLength = verifier.trailerLength();
        this.roster = roster;
        this.rendezvous = rendezvous;
        this.flow = flow;
        this.congestion = congestion;
        this.transmitter = transmitter;
        this.repairs = transmitter.repairs();
        this.reader = reader;
        this.control = control;
        this.listener = listener;
        this.stats = stats;
        this.strangers = rendezvous.strangers();
    }

    /**
     * Sets the phase and time the next datagrams are handled in.
     *
     * @param seeking      whether receivers may still join.
     * @param transferring whether missing ranges are repaired.
     * @param nowNs        now.
     */
    void at(final boolean seeking, final boolean transferring, final long nowNs)
    {
        this.seeking = seeking;
        this.transferring = transferring;
        this.nowNs = nowNs;
    }

    @Override
    public void onDatagram(final ByteBuffer buffer, final int offset, final int datagramLength,
        final InetSocketAddress from) throws IOException
    {
        final FrameType type = verifier.verify(buffer, offset, datagramLength);
        final int length = datagramLength - trailerLength;
        if (null == type)
        {
            stats.badFrame();
            strangers.rejected(buffer, offset, datagramLength, from);
        }
        else if (header.wrap(buffer, offset).sessionId() != config.sessionId())
        {
            stats.badFrame();
            strangers.otherSession(header.sessionId(), from);
        }
        else if (type == FrameType.JOIN && join.wrap(buffer, offset).isComplete(length))
        {
            rendezvous.onJoin(seeking, join.nonce(), join.secret(), from, join.name(), join.window(), nowNs);
        }
        else if (type == FrameType.STATUS && status.wrap(buffer, offset).isComplete(length))
        {
            onStatus(from, length);
        }
        else
        {
            stats.badFrame();
        }
    }

    private void onStatus(final InetSocketAddress from, final int length) throws IOException
    {
        final ReceiverState r = roster.get(status.receiverId());
        // The nonce is announced in clear, so it authenticates nothing: without a key the STATUS must at least
        // come from the address the receiver joined from (with a key, the AEAD already proved who sealed it).
        if (null == r || r.nonce() != status.nonce() || !from.equals(r.address()) || !isPossible(r))
        {
            stats.badFrame();
            return;
        }
        if (r.state == ReceiverState.State.LOST)
        {
            // It was dropped but still talks: the BYE that told it was lost, so say it again.
            control.bye(ByeFrame.REASON_DROPPED, r, "dropped by the sender: " + r.reason());
            return;
        }
        r.lastHeardNs = nowNs;
        if (seeking)
        {
            // A listed receiver reports while others are still joining: it is alive, nothing else counts yet.
            return;
        }
        r.statusCount++;
        r.contiguous = Math.max(r.contiguous, status.contiguous());
        r.lostCount = Integer.toUnsignedLong(status.lost());
        r.receivedCount = Integer.toUnsignedLong(status.received());
        flow.onStatus(r, status.windowEnd());
        congestion.onStatus(r, status.lost(), status.received());
        if (r.state == ReceiverState.State.JOINED)
        {
            r.state = ReceiverState.State.ACTIVE;
        }
        settle(r, length);
        if (transferring && r.isLive())
        {
            for (int i = 0; i < status.rangeCount(); i++)
            {
                r.requestedCount += status.rangeLength(i);
                repairs.onReportedMissing(status.rangeStart(i), status.rangeLength(i), nowNs);
            }
            repairs.reportEnd(nowNs);
        }
    }

    /**
     * @return whether the STATUS claims only what the data sent allows: a position and missing ranges within what
     *         was sent, a window end no further past its position than the window it joined with. A report beyond
     *         that would release frames no receiver can have, or run past its buffer.
     */
    private boolean isPossible(final ReceiverState r)
    {
        final long sent = transmitter.sentCount();
        final long contiguous = status.contiguous();
        final long windowEnd = status.windowEnd();
        if (contiguous < 0 || contiguous > sent || windowEnd < contiguous || windowEnd - contiguous > r.joinWindow())
        {
            return false;
        }
        for (int i = 0; i < status.rangeCount(); i++)
        {
            final long start = status.rangeStart(i);
            final long length = status.rangeLength(i);
            if (start < contiguous || length <= 0 || length > sent - start)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A receiver that reports FAILED is lost; one that reports DONE for the whole stream, after every packet and
     * the EOF were sent, is complete.
     */
    private void settle(final ReceiverState r, final int length) throws IOException
    {
        if ((status.flags() & StatusFrame.FLAG_FAILED) != 0 && r.isLive())
        {
            r.state = ReceiverState.State.FAILED;
            final String reason = status.reason(length);
            // Its reason came from the network: escaped before it reaches a terminal or a log.
            r.reason = reason.isEmpty() ? "gave up (digest mismatch or output error: see its own message)" :
                "failed: " + PrintableText.escape(reason);
            listener.receiverLost(r, r.reason);
        }
        else if ((status.flags() & StatusFrame.FLAG_DONE) != 0 && transmitter.eofSent() &&
            status.contiguous() == reader.packetCount() && (r.isLive() || r.state == ReceiverState.State.DONE))
        {
            // Release it now rather than when the slowest receiver finishes; repeated for every DONE it repeats.
            r.state = ReceiverState.State.DONE;
            control.bye(ByeFrame.REASON_COMPLETE, r, "complete");
        }
    }
}
