package io.netpipe.protocol;

import java.nio.charset.StandardCharsets;

/**
 * JOIN: a receiver asks to be admitted, with a random nonce that identifies it until it has an id, a random end
 * secret (the sender proves its BYE with it, see {@link ByeFrame}; it travels only in JOINs, unicast to the sender),
 * the size of its reassembly window and a host name for humans.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 6)              |
 * +---------------------------------------------------------------+
 * |                         nonce (64 bits)                       |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                      end secret (64 bits)                     |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                   window (packets it can hold)                |
 * +---------------+-----------------------------------------------+
 * |  name length  |            name (UTF-8, up to 64) ...         |
 * +---------------+-----------------------------------------------+
 * </pre>
 */
public final class JoinFrame extends FrameHeader
{
    /** Offset of the nonce. */
    public static final int NONCE_OFFSET = HEADER_LENGTH;
    /** Offset of the end secret. */
    public static final int SECRET_OFFSET = NONCE_OFFSET + 8;
    /** Offset of the window. */
    public static final int WINDOW_OFFSET = SECRET_OFFSET + 8;
    /** Offset of the name length. */
    public static final int NAME_LENGTH_OFFSET = WINDOW_OFFSET + 4;
    /** Offset of the name. */
    public static final int NAME_OFFSET = NAME_LENGTH_OFFSET + 1;
    /** Longest name. */
    public static final int MAX_NAME_LENGTH = 64;

    /** @return the nonce. */
    public long nonce()
    {
        return buffer.getLong(offset + NONCE_OFFSET);
    }

    /** @return the receiver's end secret. */
    public long secret()
    {
        return buffer.getLong(offset + SECRET_OFFSET);
    }

    /** @return the receiver's window in packets. */
    public int window()
    {
        return buffer.getInt(offset + WINDOW_OFFSET);
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the name fits the datagram.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        if (frameLength < NAME_OFFSET)
        {
            return false;
        }
        final int nameLength = buffer.get(offset + NAME_LENGTH_OFFSET) & 0xFF;
        return nameLength <= MAX_NAME_LENGTH && NAME_OFFSET + nameLength <= frameLength;
    }

    /** @return the host name (allocates: control path only). */
    public String name()
    {
        final byte[] bytes = new byte[buffer.get(offset + NAME_LENGTH_OFFSET) & 0xFF];
        buffer.get(offset + NAME_OFFSET, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Writes the body.
     *
     * @param nonce  the receiver's nonce.
     * @param secret the receiver's end secret for this session.
     * @param window packets the receiver can hold.
     * @param name   host name, truncated to {@link #MAX_NAME_LENGTH} bytes.
     * @return the frame length.
     */
    public int write(final long nonce, final long secret, final int window, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(bytes.length, MAX_NAME_LENGTH);
        buffer.putLong(offset + NONCE_OFFSET, nonce);
        buffer.putLong(offset + SECRET_OFFSET, secret);
        buffer.putInt(offset + WINDOW_OFFSET, window);
        buffer.put(offset + NAME_LENGTH_OFFSET, (byte)length);
        buffer.put(offset + NAME_OFFSET, bytes, 0, length);
        return NAME_OFFSET + length;
    }
}
