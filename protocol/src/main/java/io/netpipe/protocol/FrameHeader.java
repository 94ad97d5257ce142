package io.netpipe.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header every netpipe datagram starts with.
 * All fields are big-endian and addressed from the frame's offset in the wrapped buffer, so a flyweight reads a
 * datagram in place inside a batch.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+---------------+---------------+
 * |         magic 0x4E50 "NP"     |    version    |  frame type   |
 * +-------------------------------+---------------+---------------+
 * |                          session id                           |
 * +---------------------------------------------------------------+
 * |        CRC-32 of the datagram, this field counted as zero      |
 * +---------------------------------------------------------------+
 * |                        frame body ...                         |
 * </pre>
 *
 * A session may append a trailer after the body (an authentication tag): its length is the session's
 * ({@link SessionSealing#trailerLength()}), and every length a flyweight checks is the frame's without it.
 * Frames are sealed and verified only by the session's {@link FrameSealer} and {@link FrameVerifier}.
 */
public class FrameHeader
{
    /** "NP". */
    public static final short MAGIC = 0x4E50;
    /** The only version this build speaks. */
    public static final int VERSION = 6;
    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = 2;
    /** Offset of the frame type. */
    public static final int TYPE_OFFSET = 3;
    /** Offset of the session id. */
    public static final int SESSION_OFFSET = 4;
    /** Offset of the CRC-32. */
    public static final int CRC_OFFSET = 8;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 12;

    /** The wrapped buffer; its byte order is forced to big-endian. */
    protected ByteBuffer buffer;
    /** Index of the frame's first byte in {@link #buffer}. */
    protected int offset;

    /**
     * Points this flyweight at a frame that starts at index 0.
     *
     * @param buffer the datagram buffer.
     * @return this.
     */
    public FrameHeader wrap(final ByteBuffer buffer)
    {
        return wrap(buffer, 0);
    }

    /**
     * Points this flyweight at a frame inside a larger buffer (a batch of received datagrams, say).
     *
     * @param buffer the buffer.
     * @param offset index of the frame's first byte.
     * @return this.
     */
    public FrameHeader wrap(final ByteBuffer buffer, final int offset)
    {
        this.buffer = buffer.order(ByteOrder.BIG_ENDIAN);
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return index of the frame's first byte in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /**
     * Writes the common header (the CRC is written when the frame is sealed, see {@link FrameSealer}).
     *
     * @param type      the frame type.
     * @param sessionId the session id.
     * @return this.
     */
    public FrameHeader writeHeader(final FrameType type, final int sessionId)
    {
        buffer.putShort(offset + MAGIC_OFFSET, MAGIC);
        buffer.put(offset + VERSION_OFFSET, (byte)VERSION);
        buffer.put(offset + TYPE_OFFSET, (byte)type.code());
        buffer.putInt(offset + SESSION_OFFSET, sessionId);
        buffer.putInt(offset + CRC_OFFSET, 0);
        return this;
    }

    /**
     * Checks that the variable part of the frame fits; frames of fixed length check their length.
     *
     * @param frameLength the frame's length without the session's trailer.
     * @return whether every field the frame declares lies inside it.
     */
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= HEADER_LENGTH;
    }

    /** @return the magic field. */
    public short magic()
    {
        return buffer.getShort(offset + MAGIC_OFFSET);
    }

    /** @return the version field. */
    public int version()
    {
        return buffer.get(offset + VERSION_OFFSET) & 0xFF;
    }

    /** @return the raw frame type code. */
    public int typeCode()
    {
        return buffer.get(offset + TYPE_OFFSET) & 0xFF;
    }

    /** @return the session id. */
    public int sessionId()
    {
        return buffer.getInt(offset + SESSION_OFFSET);
    }

    /** @return the CRC field as written. */
    public int crc()
    {
        return buffer.getInt(offset + CRC_OFFSET);
    }
}
