package io.netpipe.protocol;

/**
 * ANNOUNCE: the sender's session, its parameters and one page of the roster of receivers admitted so far. A
 * receiver's id is its index in the roster; it recognises itself by the random nonce it joined with. A roster
 * longer than one datagram holds goes out as several pages, each naming the roster's size and the id of its first
 * entry; the sender sends every page each time it announces (see {@link SessionGeometry#announcePages}).
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
 * |      expected receivers       |   roster size (every page)    |
 * +-------------------------------+-------------------------------+
 * |      id of the first entry    |     entries in this page      |
 * +-------------------------------+-------------------------------+
 * |          nonce of receiver "first id" (64 bits) ...           |
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
    /** Offset of the roster size. */
    public static final int ROSTER_SIZE_OFFSET = EXPECTED_OFFSET + 2;
    /** Offset of the id of the page's first entry. */
    public static final int FIRST_ID_OFFSET = ROSTER_SIZE_OFFSET + 2;
    /** Offset of the page's entry count. */
    public static final int ENTRY_COUNT_OFFSET = FIRST_ID_OFFSET + 2;
    /** Offset of the page's first nonce. */
    public static final int ROSTER_OFFSET = ENTRY_COUNT_OFFSET + 2;
    /** Bytes per roster entry. */
    public static final int ENTRY_LENGTH = 8;

    /**
     * @param frameLimit the longest frame of the session before its trailer (see {@link SessionGeometry}).
     * @return how many roster entries one page can list.
     */
    public static int maxEntries(final int frameLimit)
    {
        return (frameLimit - ROSTER_OFFSET) / ENTRY_LENGTH;
    }

    /**
     * @param entryCount entries in the page.
     * @return the frame length.
     */
    public static int length(final int entryCount)
    {
        return ROSTER_OFFSET + entryCount * ENTRY_LENGTH;
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

    /** @return the number of receivers in the whole roster. */
    public int rosterSize()
    {
        return buffer.getShort(offset + ROSTER_SIZE_OFFSET) & 0xFFFF;
    }

    /** @return the id of this page's first entry. */
    public int firstId()
    {
        return buffer.getShort(offset + FIRST_ID_OFFSET) & 0xFFFF;
    }

    /** @return the entries in this page. */
    public int entryCount()
    {
        return buffer.getShort(offset + ENTRY_COUNT_OFFSET) & 0xFFFF;
    }

    /**
     * @param index index in this page: the receiver's id is {@link #firstId()} plus it.
     * @return the nonce of that receiver.
     */
    public long nonce(final int index)
    {
        return buffer.getLong(offset + ROSTER_OFFSET + index * ENTRY_LENGTH);
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the page fits the datagram and lies within the roster it names.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= ROSTER_OFFSET && length(entryCount()) <= frameLength &&
            firstId() + entryCount() <= rosterSize();
    }

    /**
     * Writes the fixed part of the body for a roster that fits one page.
     *
     * @param phase      the phase.
     * @param packetSize the session's packet size.
     * @param group      the multicast data group, 0 for none.
     * @param expected   receivers the sender waits for.
     * @param rosterSize entries that follow, the whole roster.
     * @return this.
     */
    public AnnounceFrame write(
        final Phase phase, final int packetSize, final int group, final int expected, final int rosterSize)
    {
        return write(phase, packetSize, group, expected, rosterSize, 0, rosterSize);
    }

    /**
     * Writes the fixed part of the body for one page of the roster.
     *
     * @param phase      the phase.
     * @param packetSize the session's packet size.
     * @param group      the multicast data group, 0 for none.
     * @param expected   receivers the sender waits for.
     * @param rosterSize receivers in the whole roster.
     * @param firstId    the id of the page's first entry.
     * @param entryCount entries that follow.
     * @return this.
     */
    public AnnounceFrame write(final Phase phase, final int packetSize, final int group, final int expected,
        final int rosterSize, final int firstId, final int entryCount)
    {
        buffer.put(offset + PHASE_OFFSET, (byte)phase.code());
        buffer.put(offset + FLAGS_OFFSET, (byte)0);
        buffer.putShort(offset + PACKET_SIZE_OFFSET, (short)packetSize);
        buffer.putInt(offset + GROUP_OFFSET, group);
        buffer.putShort(offset + EXPECTED_OFFSET, (short)expected);
        buffer.putShort(offset + ROSTER_SIZE_OFFSET, (short)rosterSize);
        buffer.putShort(offset + FIRST_ID_OFFSET, (short)firstId);
        buffer.putShort(offset + ENTRY_COUNT_OFFSET, (short)entryCount);
        return this;
    }

    /**
     * @param index index in this page.
     * @param nonce that receiver's nonce.
     * @return this.
     */
    public AnnounceFrame nonce(final int index, final long nonce)
    {
        buffer.putLong(offset + ROSTER_OFFSET + index * ENTRY_LENGTH, nonce);
        return this;
    }
}
