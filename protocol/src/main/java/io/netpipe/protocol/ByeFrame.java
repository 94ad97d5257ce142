package io.netpipe.protocol;

import java.nio.charset.StandardCharsets;

/**
 * BYE: the session ends for one receiver or for all, with a reason and a short human-readable text.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 5)              |
 * +---------------+---------------+-------------------------------+
 * |    reason     | text length   |  receiver id (0xFFFF = all)   |
 * +---------------+---------------+-------------------------------+
 * |                  text (UTF-8, up to 255 bytes)                |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class ByeFrame extends FrameHeader
{
    /** Every live receiver has the whole stream: the session is complete. */
    public static final int REASON_COMPLETE = 1;
    /** The sender gave up (its input failed or it was interrupted): the stream is incomplete. */
    public static final int REASON_ABORTED = 2;
    /** The addressed receiver was dropped from the session. */
    public static final int REASON_DROPPED = 3;
    /** Receiver id meaning every receiver. */
    public static final int ALL_RECEIVERS = 0xFFFF;
    /** Offset of the reason. */
    public static final int REASON_OFFSET = HEADER_LENGTH;
    /** Offset of the text length. */
    public static final int TEXT_LENGTH_OFFSET = REASON_OFFSET + 1;
    /** Offset of the receiver id. */
    public static final int RECEIVER_ID_OFFSET = TEXT_LENGTH_OFFSET + 1;
    /** Offset of the text. */
    public static final int TEXT_OFFSET = RECEIVER_ID_OFFSET + 2;
    /** Longest text. */
    public static final int MAX_TEXT_LENGTH = 255;

    /** @return the reason code. */
    public int reason()
    {
        return buffer.get(offset + REASON_OFFSET) & 0xFF;
    }

    /** @return the addressed receiver id, or {@link #ALL_RECEIVERS}. */
    public int receiverId()
    {
        return buffer.getShort(offset + RECEIVER_ID_OFFSET) & 0xFFFF;
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the text fits the datagram.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= TEXT_OFFSET &&
            TEXT_OFFSET + (buffer.get(offset + TEXT_LENGTH_OFFSET) & 0xFF) <= frameLength;
    }

    /** @return the text (allocates: control path only). */
    public String text()
    {
        final byte[] bytes = new byte[buffer.get(offset + TEXT_LENGTH_OFFSET) & 0xFF];
        buffer.get(offset + TEXT_OFFSET, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Writes the body.
     *
     * @param reason     the reason code.
     * @param receiverId the addressed receiver or {@link #ALL_RECEIVERS}.
     * @param text       the text, truncated to {@link #MAX_TEXT_LENGTH} bytes.
     * @return the frame length.
     */
    public int write(final int reason, final int receiverId, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(bytes.length, Math.min(MAX_TEXT_LENGTH, buffer.capacity() - offset - TEXT_OFFSET));
        buffer.put(offset + REASON_OFFSET, (byte)reason);
        buffer.put(offset + TEXT_LENGTH_OFFSET, (byte)length);
        buffer.putShort(offset + RECEIVER_ID_OFFSET, (short)receiverId);
        buffer.put(offset + TEXT_OFFSET, bytes, 0, length);
        return TEXT_OFFSET + length;
    }
}
