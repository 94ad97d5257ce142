package io.netpipe.protocol;

/**
 * EOF: the stream is complete: how many packets and bytes it has and the SHA-256 of all its bytes.
 * A receiver confirms (STATUS with {@link StatusFrame#FLAG_DONE}) only after writing every byte and matching
 * the digest. Repeated until every live receiver has confirmed.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 4)              |
 * +---------------------------------------------------------------+
 * |                    packet count (64 bits)                     |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                     byte count (64 bits)                      |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                  SHA-256 of the stream (32 bytes)             |
 * |                              ...                              |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class EofFrame extends FrameHeader
{
    /** Offset of the packet count. */
    public static final int PACKET_COUNT_OFFSET = HEADER_LENGTH;
    /** Offset of the byte count. */
    public static final int BYTE_COUNT_OFFSET = PACKET_COUNT_OFFSET + 8;
    /** Offset of the digest. */
    public static final int DIGEST_OFFSET = BYTE_COUNT_OFFSET + 8;
    /** Length of the digest. */
    public static final int DIGEST_LENGTH = 32;
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= LENGTH;
    }

    /** Length of the frame. */
    public static final int LENGTH = DIGEST_OFFSET + DIGEST_LENGTH;

    /** @return how many DATA frames the stream has. */
    public long packetCount()
    {
        return buffer.getLong(offset + PACKET_COUNT_OFFSET);
    }

    /**
     * @param packetCount how many DATA frames the stream has.
     * @return this.
     */
    public EofFrame packetCount(final long packetCount)
    {
        buffer.putLong(offset + PACKET_COUNT_OFFSET, packetCount);
        return this;
    }

    /** @return how many bytes the stream has. */
    public long byteCount()
    {
        return buffer.getLong(offset + BYTE_COUNT_OFFSET);
    }

    /**
     * @param byteCount how many bytes the stream has.
     * @return this.
     */
    public EofFrame byteCount(final long byteCount)
    {
        buffer.putLong(offset + BYTE_COUNT_OFFSET, byteCount);
        return this;
    }

    /** @param dst receives the 32-byte digest. */
    public void getDigest(final byte[] dst)
    {
        buffer.get(offset + DIGEST_OFFSET, dst, 0, DIGEST_LENGTH);
    }

    /**
     * @param digest the 32-byte digest.
     * @return this.
     */
    public EofFrame putDigest(final byte[] digest)
    {
        buffer.put(offset + DIGEST_OFFSET, digest, 0, DIGEST_LENGTH);
        return this;
    }
}
