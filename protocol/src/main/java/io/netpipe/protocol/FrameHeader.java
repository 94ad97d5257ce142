package io.netpipe.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The header every netpipe datagram starts with, and the one place where frames are sealed and verified.
 * All fields are big-endian and addressed absolutely from index 0 of the wrapped buffer.
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
 * A future authenticated version appends a tag after the body; {@link #TRAILER_LENGTH} is what the payload
 * budget reserves for it (nothing in version 1).
 */
public class FrameHeader
{
    /** "NP". */
    public static final short MAGIC = 0x4E50;
    /** The only version this build speaks. */
    public static final int VERSION = 1;
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
    /** Bytes after the body reserved for an authentication tag: none in version 1. */
    public static final int TRAILER_LENGTH = 0;

    /** The wrapped datagram; its byte order is forced to big-endian. */
    protected ByteBuffer buffer;

    /**
     * Points this flyweight at a datagram that starts at index 0.
     *
     * @param buffer the datagram buffer.
     * @return this.
     */
    public FrameHeader wrap(final ByteBuffer buffer)
    {
        this.buffer = buffer.order(ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** @return the wrapped buffer. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * Writes the common header (the CRC is written by {@link #seal}).
     *
     * @param type      the frame type.
     * @param sessionId the session id.
     * @return this.
     */
    public FrameHeader writeHeader(final FrameType type, final int sessionId)
    {
        buffer.putShort(MAGIC_OFFSET, MAGIC);
        buffer.put(VERSION_OFFSET, (byte)VERSION);
        buffer.put(TYPE_OFFSET, (byte)type.code());
        buffer.putInt(SESSION_OFFSET, sessionId);
        buffer.putInt(CRC_OFFSET, 0);
        return this;
    }

    /**
     * Checks that the variable part of the frame fits the datagram; frames of fixed length check their length.
     *
     * @param frameLength the datagram length.
     * @return whether every field the frame declares lies inside the datagram.
     */
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= HEADER_LENGTH + TRAILER_LENGTH;
    }

    /** @return the magic field. */
    public short magic()
    {
        return buffer.getShort(MAGIC_OFFSET);
    }

    /** @return the version field. */
    public int version()
    {
        return buffer.get(VERSION_OFFSET) & 0xFF;
    }

    /** @return the raw frame type code. */
    public int typeCode()
    {
        return buffer.get(TYPE_OFFSET) & 0xFF;
    }

    /** @return the session id. */
    public int sessionId()
    {
        return buffer.getInt(SESSION_OFFSET);
    }

    /** @return the CRC field as written. */
    public int crc()
    {
        return buffer.getInt(CRC_OFFSET);
    }

    /**
     * Computes the CRC over bytes {@code [0, length)} and writes it, then sets position 0 and limit
     * {@code length} so the buffer is ready to send.
     *
     * @param buffer the datagram.
     * @param length its length.
     * @param crc    a reusable CRC instance (one per thread).
     */
    public static void seal(final ByteBuffer buffer, final int length, final CRC32 crc)
    {
        buffer.putInt(CRC_OFFSET, 0);
        buffer.putInt(CRC_OFFSET, compute(buffer, length, crc));
        buffer.limit(length).position(0);
    }

    /**
     * Checks magic, version, a known type and the CRC of a received datagram of {@code length} bytes.
     *
     * @param buffer the datagram, starting at index 0.
     * @param length its length.
     * @param crc    a reusable CRC instance.
     * @return the frame type, or {@code null} when the datagram is not a valid netpipe frame.
     */
    public static FrameType verify(final ByteBuffer buffer, final int length, final CRC32 crc)
    {
        if (length < HEADER_LENGTH + TRAILER_LENGTH || buffer.getShort(MAGIC_OFFSET) != MAGIC ||
            (buffer.get(VERSION_OFFSET) & 0xFF) != VERSION)
        {
            return null;
        }
        final FrameType type = FrameType.get(buffer.get(TYPE_OFFSET) & 0xFF);
        if (null == type || buffer.getInt(CRC_OFFSET) != compute(buffer, length, crc))
        {
            return null;
        }
        return type;
    }

    private static int compute(final ByteBuffer buffer, final int length, final CRC32 crc)
    {
        final int savedCrc = buffer.getInt(CRC_OFFSET);
        buffer.putInt(CRC_OFFSET, 0);
        crc.reset();
        buffer.limit(length).position(0);
        crc.update(buffer);
        buffer.putInt(CRC_OFFSET, savedCrc);
        buffer.position(0);
        return (int)crc.getValue();
    }
}
