package io.netpipe.protocol;

/**
 * DATA: one sequenced slice of the stream. Every slice but the last carries exactly the session's payload size;
 * the last may be shorter. A datagram never exceeds the session's packet size, so IP never fragments it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 2)              |
 * +---------------------------------------------------------------+
 * |                       sequence (64 bits)                      |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                        payload ...                            |
 * </pre>
 */
public final class DataFrame extends FrameHeader
{
    /** Smallest packet size a session may use: the roster of one announcement and a useful payload must fit. */
    public static final int MIN_PACKET_SIZE = 576;
    /** Largest packet size: the largest UDP payload over IPv4. */
    public static final int MAX_PACKET_SIZE = 65507;
    /** Offset of the sequence number. */
    public static final int SEQUENCE_OFFSET = HEADER_LENGTH;
    /** Offset of the payload. */
    public static final int PAYLOAD_OFFSET = SEQUENCE_OFFSET + 8;

    /**
     * @param frameLimit the longest frame of the session before its trailer (see {@link SessionGeometry}).
     * @return the stream bytes one DATA frame carries.
     */
    public static int payloadCapacity(final int frameLimit)
    {
        return frameLimit - PAYLOAD_OFFSET;
    }

    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength > PAYLOAD_OFFSET;
    }

    /** @return the sequence number. */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    /**
     * @param sequence the sequence number.
     * @return this.
     */
    public DataFrame sequence(final long sequence)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        return this;
    }

    /**
     * @param frameLength the frame's length without the trailer.
     * @return the payload length.
     */
    public static int payloadLength(final int frameLength)
    {
        return frameLength - PAYLOAD_OFFSET;
    }
}
