package io.netpipe.protocol;

/**
 * ANNOUNCE: the sender's session, its parameters and the roster of receivers admitted so far. A receiver's id
 * is its index in the roster; it recognises itself by the random nonce it joined with.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 1)              |
 * +---------------+---------------+-------------------------------+
 * |     phase     |  flags (0)    |     packet size (bytes)       |
 * +---------------+---------------+-------------------------------+
 * |        multicast data group (IPv4; 0 = where this came)       |
 * +-------------------------------+-------------------------------+
 * |      expected receivers       |         roster count          |
 * +-------------------------------+-------------------------------+
 * |             nonce of receiver 0 (64 bits) ...                 |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class AnnounceFrame extends FrameHeader
{
    /** Offset of the phase. */
    public static final int PHASE_OFFSET = HEADER_LENGTH;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = PHASE_OFFSET + 1;
    /** Offset of the packet size. */
    public static final int PACKET_SIZE_OFFSET = FLAGS_OFFSET + 1;
    /** Offset of the multicast group. */
    public static final int GROUP_OFFSET = PACKET_SIZE_OFFSET + 2;
    /** Offset of the expected receiver count. */
    public static final int EXPECTED_OFFSET = GROUP_OFFSET + 4;
    /** Offset of the roster count. */
    public static final int ROSTER_COUNT_OFFSET = EXPECTED_OFFSET + 2;
    /** Offset of the first roster nonce. */
    public static final int ROSTER_OFFSET = ROSTER_COUNT_OFFSET + 2;
    /** Bytes per roster entry. */
    public static final int ENTRY_LENGTH = 8;

    /**
     * @param frameLimit the longest frame of the session before its trailer (see {@link SessionGeometry}).
     * @return how many receivers one announcement can list.
     */
    public static int maxRoster(final int frameLimit)
    {
        return (frameLimit - ROSTER_OFFSET) / ENTRY_LENGTH;
    }

    /**
     * @param rosterCount entries in the roster.
     * @return the frame length.
     */
    public static int length(final int rosterCount)
    {
        return ROSTER_OFFSET + rosterCount * ENTRY_LENGTH;
    }

    /** @return the phase code (see {@link Phase#get}). */
    public int phaseCode()
    {
        return buffer.get(offset + PHASE_OFFSET) & 0xFF;
    }

    /** @return the session's packet size. */
    public int packetSize()
    {
        return buffer.getShort(offset + PACKET_SIZE_OFFSET) & 0xFFFF;
    }

    /** @return the multicast data group as an IPv4 address in an int, 0 for none. */
    public int group()
    {
        return buffer.getInt(offset + GROUP_OFFSET);
    }

    /** @return the number of receivers the sender waits for. */
    public int expected()
    {
        return buffer.getShort(offset + EXPECTED_OFFSET) & 0xFFFF;
    }

    /** @return the number of roster entries. */
    public int rosterCount()
    {
        return buffer.getShort(offset + ROSTER_COUNT_OFFSET) & 0xFFFF;
    }

    /**
     * @param index roster index, which is the receiver id.
     * @return the nonce of that receiver.
     */
    public long nonce(final int index)
    {
        return buffer.getLong(offset + ROSTER_OFFSET + index * ENTRY_LENGTH);
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the roster fits the datagram.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= ROSTER_OFFSET && length(rosterCount()) <= frameLength;
    }

    /**
     * Writes the fixed part of the body.
     *
     * @param phase       the phase.
     * @param packetSize  the session's packet size.
     * @param group       the multicast data group, 0 for none.
     * @param expected    receivers the sender waits for.
     * @param rosterCount entries that follow.
     * @return this.
     */
    public AnnounceFrame write(
        final Phase phase, final int packetSize, final int group, final int expected, final int rosterCount)
    {
        buffer.put(offset + PHASE_OFFSET, (byte)phase.code());
        buffer.put(offset + FLAGS_OFFSET, (byte)0);
        buffer.putShort(offset + PACKET_SIZE_OFFSET, (short)packetSize);
        buffer.putInt(offset + GROUP_OFFSET, group);
        buffer.putShort(offset + EXPECTED_OFFSET, (short)expected);
        buffer.putShort(offset + ROSTER_COUNT_OFFSET, (short)rosterCount);
        return this;
    }

    /**
     * @param index roster index.
     * @param nonce that receiver's nonce.
     * @return this.
     */
    public AnnounceFrame nonce(final int index, final long nonce)
    {
        buffer.putLong(offset + ROSTER_OFFSET + index * ENTRY_LENGTH, nonce);
        return this;
    }
}
