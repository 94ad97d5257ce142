package io.netpipe.receiver;

import io.netpipe.transport.FakeTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.fec.CauchyCode;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.Phase;

/** Plays the sender towards a receiver: writes its frames into the fake transport's inbox. */
final class FakeSender
{
    static final InetSocketAddress ADDRESS = new InetSocketAddress("10.0.0.1", 9001);

    private final FakeTransport transport;
    private final int sessionId;
    private final int packetSize;
    private final int payload;
    private final CRC32 crc = new CRC32();
    private final FrameSealer sealer;
    private byte[] input = new byte[0];
    private int group;

    FakeSender(final FakeTransport transport, final int sessionId, final int packetSize)
    {
        this(transport, sessionId, packetSize, SessionSealing.unkeyed());
    }

    /** A sender sealing with {@code sealing} (keyed: a sender's session). */
    FakeSender(final FakeTransport transport, final int sessionId, final int packetSize, final SessionSealing sealing)
    {
        this.transport = transport;
        this.sessionId = sessionId;
        this.packetSize = packetSize;
        // Unkeyed tests also announce impossible packet sizes, which SessionGeometry refuses.
        this.payload = sealing.trailerLength() == 0 ? DataFrame.payloadCapacity(packetSize) :
            new SessionGeometry(packetSize, sealing.trailerLength()).payloadCapacity();
        this.sealer = sealing.newSealer();
    }

    int payload()
    {
        return payload;
    }

    FakeSender input(final byte[] bytes)
    {
        this.input = bytes;
        return this;
    }

    /** Announces a multicast session on {@code group} (an IPv4 address as an int) from now on; 0 for broadcast. */
    FakeSender group(final int group)
    {
        this.group = group;
        return this;
    }

    long packetCount()
    {
        return (input.length + payload - 1) / payload;
    }

    void announce(final Phase phase, final long... nonces)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final AnnounceFrame announce = new AnnounceFrame();
        announce.wrap(buffer).writeHeader(FrameType.ANNOUNCE, sessionId);
        announce.write(phase, packetSize, group, Math.max(1, nonces.length), nonces.length);
        for (int i = 0; i < nonces.length; i++)
        {
            announce.nonce(i, nonces[i]);
        }
        deliver(buffer, AnnounceFrame.length(nonces.length));
    }

    /** One page of a longer roster: {@code nonces} are the ids from {@code firstId} on. */
    void announcePage(final Phase phase, final int rosterSize, final int firstId, final long... nonces)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final AnnounceFrame announce = new AnnounceFrame();
        announce.wrap(buffer).writeHeader(FrameType.ANNOUNCE, sessionId);
        announce.write(phase, packetSize, group, rosterSize, rosterSize, firstId, nonces.length);
        for (int i = 0; i < nonces.length; i++)
        {
            announce.nonce(i, nonces[i]);
        }
        deliver(buffer, AnnounceFrame.length(nonces.length));
    }

    /** One page of the final BYE: {@code count} tokens from id {@code firstId} on, each {@code token}. */
    void byePage(final int reason, final int firstId, final int count, final int token)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final ByeFrame bye = new ByeFrame();
        bye.wrap(buffer).writeHeader(FrameType.BYE, sessionId);
        final int length = bye.write(reason, ByeFrame.ALL_RECEIVERS, firstId, count, "complete",
            packetSize - sealer.trailerLength());
        for (int i = 0; i < count; i++)
        {
            bye.token(i, token);
        }
        deliver(buffer, length);
    }

    void data(final long sequence)
    {
        transport.deliver(ADDRESS, dataBytes(sessionId, sequence));
    }

    void data(final long from, final long to)
    {
        for (long seq = from; seq < to; seq++)
        {
            data(seq);
        }
    }

    byte[] dataBytes(final int session, final long sequence)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final DataFrame data = new DataFrame();
        data.wrap(buffer).writeHeader(FrameType.DATA, session);
        data.sequence(sequence);
        final int offset = (int)(sequence * payload);
        final int length = Math.min(payload, input.length - offset);
        buffer.put(DataFrame.PAYLOAD_OFFSET, input, offset, length);
        return bytes(buffer, sealer.seal(buffer, 0, DataFrame.PAYLOAD_OFFSET + length));
    }

    /** Delivers parity packet {@code index} of {@code block} over the input, with the block's true count. */
    void parity(final long block, final int index)
    {
        final int k = ParityFrame.BLOCK_PACKETS;
        final int count = (int)Math.min(k, packetCount() - block * k);
        parity(block, index, count);
    }

    /** Delivers parity packet {@code index} of {@code block}, claiming {@code count} packets. */
    void parity(final long block, final int index, final int count)
    {
        final int k = ParityFrame.BLOCK_PACKETS;
        final byte[] parity = new byte[payload];
        int lastLength = 1;
        for (int i = 0; i < count && (block * k + i) * payload < input.length; i++)
        {
            final int offset = (int)((block * k + i) * payload);
            lastLength = Math.min(payload, input.length - offset);
            CauchyCode.addToParity(index, i, input, offset, lastLength, parity);
        }
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final ParityFrame frame = new ParityFrame();
        frame.wrap(buffer).writeHeader(FrameType.PARITY, sessionId);
        frame.fields(block, index, count, lastLength);
        buffer.put(ParityFrame.PARITY_OFFSET, parity);
        deliver(buffer, ParityFrame.PARITY_OFFSET + payload);
    }

    void heartbeat(final long nextSequence)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final HeartbeatFrame heartbeat = new HeartbeatFrame();
        heartbeat.wrap(buffer).writeHeader(FrameType.HEARTBEAT, sessionId);
        heartbeat.nextSequence(nextSequence);
        deliver(buffer, HeartbeatFrame.LENGTH);
    }

    /** EOF with the true counts and digest of the input. */
    void eof()
    {
        eof(packetCount(), input.length, sha256(input));
    }

    void eof(final long packets, final long bytes, final byte[] digest)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final EofFrame eof = new EofFrame();
        eof.wrap(buffer).writeHeader(FrameType.EOF, sessionId);
        eof.packetCount(packets).byteCount(bytes).putDigest(digest);
        deliver(buffer, EofFrame.LENGTH);
    }

    /**
     * The sender's BYE to {@code receiverId} (or all), proven with the token of the receiver {@code agent}: its
     * complete token for a COMPLETE BYE, its ended token otherwise.
     */
    void bye(final int reason, final int receiverId, final String text, final ReceiverAgent agent)
    {
        final long secret = agent.endSecret().secret();
        bye(reason, receiverId, text, reason == ByeFrame.REASON_COMPLETE ? ByeFrame.completeToken(secret) :
            ByeFrame.endedToken(secret));
    }

    /** A BYE whose every slot carries {@code token} (a forger's guess, or 0). */
    void bye(final int reason, final int receiverId, final String text, final int token)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
        final ByeFrame bye = new ByeFrame();
        bye.wrap(buffer).writeHeader(FrameType.BYE, sessionId);
        final int slots = 4;
        final int length = bye.write(reason, receiverId, 0, slots, text, packetSize - sealer.trailerLength());
        for (int i = 0; i < slots; i++)
        {
            bye.token(i, token);
        }
        deliver(buffer, length);
    }

    void deliverRaw(final byte[] bytes)
    {
        transport.deliver(ADDRESS, bytes);
    }

    static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void deliver(final ByteBuffer buffer, final int length)
    {
        transport.deliver(ADDRESS, bytes(buffer, sealer.seal(buffer, 0, length)));
    }

    private static byte[] bytes(final ByteBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }
}
