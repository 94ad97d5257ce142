package io.netpipe.sender;

import io.netpipe.transport.FakeTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.StatusFrame;

/** Plays one receiver towards the sender: writes its JOIN and STATUS frames into the fake transport's inbox. */
final class FakeReceiver
{
    private final FakeTransport transport;
    private final int sessionId;
    private final InetSocketAddress address;
    private final long nonce;
    private final long secret;
    private final int window;
    private final CRC32 crc = new CRC32();
    private int id;

    FakeReceiver(final FakeTransport transport, final int sessionId, final int index, final int window)
    {
        this(transport, sessionId, index, window, new InetSocketAddress("10.0.0." + (10 + index), 9000));
    }

    /** A receiver (or a forger who copied its nonce from an ANNOUNCE) sending from {@code address}. */
    FakeReceiver(final FakeTransport transport, final int sessionId, final int index, final int window,
        final InetSocketAddress address)
    {
        this.transport = transport;
        this.sessionId = sessionId;
        this.address = address;
        this.nonce = 0x1000L + index;
        this.secret = 0x5EC0_0000_0000_0000L + ((long)index << 32) + 0x7000 + index;
        this.window = window;
        this.id = index;
    }

    InetSocketAddress address()
    {
        return address;
    }

    int window()
    {
        return window;
    }

    long nonce()
    {
        return nonce;
    }

    /** @return the end secret it joins with (a forger copying the nonce does not know the real one). */
    long secret()
    {
        return secret;
    }

    int id()
    {
        return id;
    }

    FakeReceiver id(final int id)
    {
        this.id = id;
        return this;
    }

    void join()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        final JoinFrame join = new JoinFrame();
        join.wrap(buffer).writeHeader(FrameType.JOIN, sessionId);
        final int length = join.write(nonce, secret, window, "rx" + id);
        SessionSealing.unkeyed().newSealer().seal(buffer, 0, length);
        transport.deliver(address, bytes(buffer, length));
    }

    /** A STATUS with no flags and no missing ranges. */
    void status(final long contiguous, final long windowEnd)
    {
        status(0, contiguous, windowEnd);
    }

    /**
     * @param ranges pairs of (first missing sequence, length).
     */
    void status(final int flags, final long contiguous, final long windowEnd, final long... ranges)
    {
        transport.deliver(address, statusBytes(sessionId, nonce, flags, contiguous, windowEnd, 0, 0, ranges));
    }

    /** Reports FAILED with {@code reason} in place of ranges, as a receiver whose output failed does. */
    void failed(final String reason)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final StatusFrame status = new StatusFrame();
        status.wrap(buffer).writeHeader(FrameType.STATUS, sessionId);
        status.write(id, StatusFrame.FLAG_FAILED, nonce, 0, 1024, 0, 0);
        final int length = status.writeReason(reason);
        SessionSealing.unkeyed().newSealer().seal(buffer, 0, length);
        transport.deliver(address, bytes(buffer, length));
    }

    void statusWithCounters(final long contiguous, final long windowEnd, final int lost, final int received)
    {
        transport.deliver(address, statusBytes(sessionId, nonce, 0, contiguous, windowEnd, lost, received));
    }

    void deliverRaw(final byte[] bytes)
    {
        transport.deliver(address, bytes);
    }

    byte[] statusBytes(final int session, final long nonce, final int flags, final long contiguous,
        final long windowEnd, final int lost, final int received, final long... ranges)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final StatusFrame status = new StatusFrame();
        status.wrap(buffer).writeHeader(FrameType.STATUS, session);
        status.write(id, flags, nonce, contiguous, windowEnd, lost, received);
        for (int i = 0; i < ranges.length / 2; i++)
        {
            // Written raw, as a hostile receiver could: a start below the position wraps to a far distance, a
            // length keeps its low 16 bits.
            buffer.putInt(StatusFrame.RANGES_OFFSET + i * StatusFrame.RANGE_LENGTH, (int)(ranges[2 * i] - contiguous));
            buffer.putShort(StatusFrame.RANGES_OFFSET + i * StatusFrame.RANGE_LENGTH + 4, (short)ranges[2 * i + 1]);
            buffer.put(StatusFrame.RANGE_COUNT_OFFSET, (byte)(i + 1));
        }
        final int length = StatusFrame.length(ranges.length / 2);
        SessionSealing.unkeyed().newSealer().seal(buffer, 0, length);
        return bytes(buffer, length);
    }

    private static byte[] bytes(final ByteBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }
}
