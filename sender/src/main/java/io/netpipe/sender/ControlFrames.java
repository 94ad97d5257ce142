package io.netpipe.sender;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.transport.DatagramTransport;

/**
 * Encodes, seals and sends the sender's control frames (ANNOUNCE, HEARTBEAT, EOF, BYE) from one reused buffer.
 * Each is flushed at once, because the buffer is reused for the next one.
 */
final class ControlFrames
{
    private final SendConfig config;
    private final DatagramTransport transport;
    private final FrameSealer sealer;
    private final ByteBuffer buffer;
    private final int group;
    private final int frameLimit;
    private final SessionGeometry geometry;
    private final AnnounceFrame announce = new AnnounceFrame();
    private final HeartbeatFrame heartbeat = new HeartbeatFrame();
    private final EofFrame eof = new EofFrame();
    private final ByeFrame bye = new ByeFrame();

    /**
     * @param config    the session.
     * @param transport the socket.
     * @param sealer    the agent thread's sealer.
     */
    ControlFrames(final SendConfig config, final DatagramTransport transport, final FrameSealer sealer)
    {
        this.config = config;
        this.transport = transport;
        this.sealer = sealer;
        this.buffer = ByteBuffer.allocateDirect(config.packetSize());
        this.group = wireGroup(config.dataGroup());
        this.frameLimit = config.packetSize() - sealer.trailerLength();
        this.geometry = new SessionGeometry(config.packetSize(), sealer.trailerLength());
    }

    /** The group as ANNOUNCE carries it: four address bytes, 0 for broadcast. */
    private static int wireGroup(final Inet4Address group)
    {
        if (null == group)
        {
            return 0;
        }
        final byte[] b = group.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /**
     * Announces the roster from the page that holds {@code fromId} on, one datagram a page.
     *
     * @param phase  the phase.
     * @param roster the roster.
     * @param fromId the lowest id to list: 0 for the whole roster, a newcomer's id for the pages that changed.
     * @return datagrams sent.
     * @throws IOException when the socket fails.
     */
    int announce(final Phase phase, final Roster roster, final int fromId) throws IOException
    {
        final int size = roster.size();
        final int perPage = geometry.announcePageEntries();
        int pages = 0;
        for (int first = Math.min(fromId, size) / perPage * perPage; pages == 0 || first < size; first += perPage)
        {
            final int count = Math.min(perPage, size - first);
            buffer.clear();
            announce.wrap(buffer).writeHeader(FrameType.ANNOUNCE, config.sessionId());
            announce.write(phase, config.packetSize(), group, config.expectedReceivers(), size, first, count);
            for (int i = 0; i < count; i++)
            {
                announce.nonce(i, roster.get(first + i).nonce());
            }
            send(AnnounceFrame.length(count), config.announceDestination());
            pages++;
        }
        return pages;
    }

    /**
     * @param nextSequence the next new sequence.
     * @param heldBack     whether the sender waits for its receivers ({@link HeartbeatFrame#FLAG_HELD_BACK}).
     * @throws IOException when the socket fails.
     */
    void heartbeat(final long nextSequence, final boolean heldBack) throws IOException
    {
        buffer.clear();
        heartbeat.wrap(buffer).writeHeader(FrameType.HEARTBEAT, config.sessionId());
        heartbeat.nextSequence(nextSequence).heldBack(heldBack);
        send(HeartbeatFrame.LENGTH, config.dataDestination());
    }

    /**
     * A HEARTBEAT that also announces the repairs just queued, so that receivers missing them stay quiet.
     *
     * @param nextSequence the next new sequence.
     * @param heldBack     whether the sender waits for its receivers.
     * @param repairs      the policy holding the ranges queued since the last notice.
     * @throws IOException when the socket fails.
     */
    void repairNotice(final long nextSequence, final boolean heldBack, final RetransmitPolicy repairs)
        throws IOException
    {
        buffer.clear();
        heartbeat.wrap(buffer).writeHeader(FrameType.HEARTBEAT, config.sessionId());
        heartbeat.nextSequence(nextSequence).heldBack(heldBack);
        final int count = Math.min(repairs.noticeCount(), HeartbeatFrame.MAX_RANGES);
        for (int i = 0; i < count; i++)
        {
            heartbeat.range(i, repairs.noticeStart(i), repairs.noticeLength(i));
        }
        send(HeartbeatFrame.length(count), config.dataDestination());
    }

    void eof(final long packetCount, final long byteCount, final byte[] digest) throws IOException
    {
        buffer.clear();
        eof.wrap(buffer).writeHeader(FrameType.EOF, config.sessionId());
        eof.packetCount(packetCount).byteCount(byteCount).putDigest(digest);
        send(EofFrame.LENGTH, config.dataDestination());
    }

    /**
     * A BYE to one receiver, proven by its token (see {@link #token}).
     *
     * @param reason the reason code.
     * @param r      the receiver.
     * @param text   the text.
     * @throws IOException when the socket fails.
     */
    void bye(final int reason, final ReceiverState r, final String text) throws IOException
    {
        buffer.clear();
        bye.wrap(buffer).writeHeader(FrameType.BYE, config.sessionId());
        final int length = bye.write(reason, r.id(), r.id(), 1, text, frameLimit);
        bye.token(0, token(r));
        send(length, config.dataDestination());
    }

    /**
     * The BYE that ends the session for every receiver, with each one's token: as many pages as the roster needs,
     * each with its range of tokens and the whole text.
     *
     * @param reason the reason code.
     * @param roster every receiver admitted.
     * @param text   the text.
     * @return datagrams sent.
     * @throws IOException when the socket fails.
     */
    int byeAll(final int reason, final Roster roster, final String text) throws IOException
    {
        final int size = roster.size();
        final int perPage = geometry.byePageTokens();
        int pages = 0;
        for (int first = 0; pages == 0 || first < size; first += perPage)
        {
            final int count = Math.min(perPage, size - first);
            buffer.clear();
            bye.wrap(buffer).writeHeader(FrameType.BYE, config.sessionId());
            final int length = bye.write(reason, ByeFrame.ALL_RECEIVERS, first, count, text, frameLimit);
            for (int i = 0; i < count; i++)
            {
                bye.token(i, token(roster.get(first + i)));
            }
            send(length, config.dataDestination());
            pages++;
        }
        return pages;
    }

    /**
     * The complete half of a receiver's end secret only when it is confirmed DONE, else the ended half: so a BYE
     * never tells a receiver it is complete unless the sender counts it so, whatever the BYE's reason says.
     */
    private static int token(final ReceiverState r)
    {
        return r.state == ReceiverState.State.DONE ? ByeFrame.completeToken(r.endSecret()) :
            ByeFrame.endedToken(r.endSecret());
    }

    private void send(final int length, final InetSocketAddress to) throws IOException
    {
        sealer.seal(buffer, 0, length);
        transport.send(buffer, to);
        transport.flush();
    }
}
