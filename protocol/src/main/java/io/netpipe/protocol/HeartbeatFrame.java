package io.netpipe.protocol;

/**
 * HEARTBEAT: the sender is alive, every sequence below {@code nextSequence} has been sent at least once (so a
 * receiver can report a lost tail before more data comes), and the listed ranges are queued for repair (so a
 * receiver that misses them too stays quiet instead of asking again: NAK suppression). Sent when the sender has
 * been quiet, and whenever a report queued new repairs. Version 2 added the repair ranges. The flags say whether
 * the sender waits for its receivers ({@link #FLAG_HELD_BACK}): a receiver's young losses may be what holds it,
 * where a sender waiting for its input, or starved of CPU, waits for nobody's news. They were reserved, written as
 * zero and never read, so the version stays 6: an earlier sender's heartbeats read as not held back.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 3)              |
 * +---------------------------------------------------------------+
 * |                    next sequence (64 bits)                    |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |      repair range count       |             flags             |
 * +---------------------------------------------------------------+
 * |    repair range: first sequence (64 bits), length (32 bits)   |
 * |                    ... (range count times)                    |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class HeartbeatFrame extends FrameHeader
{
    /**
     * A sender with nothing else to send heartbeats at least this often, so a receiver that hears nothing at all for
     * a few of these knows the sender is not running (starved of CPU) or cut off, rather than waiting for something.
     */
    public static final long INTERVAL_NS = 20_000_000L;
    /** Offset of the next sequence. */
    public static final int NEXT_SEQUENCE_OFFSET = HEADER_LENGTH;
    /** Offset of the number of repair ranges. */
    public static final int RANGE_COUNT_OFFSET = NEXT_SEQUENCE_OFFSET + 8;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = RANGE_COUNT_OFFSET + 2;
    /** Offset of the first repair range. */
    public static final int RANGES_OFFSET = RANGE_COUNT_OFFSET + 4;
    /**
     * The sender has data it may not send yet: it reached the smallest window end its receivers reported, or its
     * retransmit window holds every frame it has for a receiver that lacks the oldest. Other flag bits are ignored.
     */
    public static final int FLAG_HELD_BACK = 1;
    /** Bytes per range. */
    public static final int RANGE_LENGTH = 12;
    /** Most repair ranges one frame carries. */
    public static final int MAX_RANGES = 32;
    /** Length of a frame without repair ranges. */
    public static final int LENGTH = RANGES_OFFSET;
    /** Length of a frame with the most ranges. */
    public static final int MAX_LENGTH = RANGES_OFFSET + MAX_RANGES * RANGE_LENGTH;

    /**
     * @param rangeCount repair ranges carried.
     * @return the frame's length.
     */
    public static int length(final int rangeCount)
    {
        return RANGES_OFFSET + rangeCount * RANGE_LENGTH;
    }

    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= LENGTH && rangeCount() <= MAX_RANGES && length(rangeCount()) <= frameLength;
    }

    /** @return the next sequence the sender will send. */
    public long nextSequence()
    {
        return buffer.getLong(offset + NEXT_SEQUENCE_OFFSET);
    }

    /**
     * Writes the next sequence and no repair ranges.
     *
     * @param nextSequence the next sequence the sender will send.
     * @return this.
     */
    public HeartbeatFrame nextSequence(final long nextSequence)
    {
        buffer.putLong(offset + NEXT_SEQUENCE_OFFSET, nextSequence);
        buffer.putInt(offset + RANGE_COUNT_OFFSET, 0);
        return this;
    }

    /**
     * Sets the flags; call after {@link #nextSequence(long)}.
     *
     * @param heldBack whether the sender waits for its receivers ({@link #FLAG_HELD_BACK}).
     * @return this.
     */
    public HeartbeatFrame heldBack(final boolean heldBack)
    {
        buffer.putShort(offset + FLAGS_OFFSET, (short)(heldBack ? FLAG_HELD_BACK : 0));
        return this;
    }

    /** @return whether the sender says it waits for its receivers ({@link #FLAG_HELD_BACK}). */
    public boolean heldBack()
    {
        return (buffer.getShort(offset + FLAGS_OFFSET) & FLAG_HELD_BACK) != 0;
    }

    /** @return the number of repair ranges. */
    public int rangeCount()
    {
        return buffer.getShort(offset + RANGE_COUNT_OFFSET) & 0xFFFF;
    }

    /**
     * Writes one repair range; call after {@link #nextSequence(long)}, with indexes from 0 up.
     *
     * @param index  range index, below {@link #MAX_RANGES}.
     * @param start  first sequence queued.
     * @param length sequences queued.
     * @return this.
     */
    public HeartbeatFrame range(final int index, final long start, final int length)
    {
        buffer.putLong(offset + RANGES_OFFSET + index * RANGE_LENGTH, start);
        buffer.putInt(offset + RANGES_OFFSET + index * RANGE_LENGTH + 8, length);
        buffer.putShort(offset + RANGE_COUNT_OFFSET, (short)(index + 1));
        return this;
    }

    /**
     * @param index range index.
     * @return the first sequence of that repair range.
     */
    public long rangeStart(final int index)
    {
        return buffer.getLong(offset + RANGES_OFFSET + index * RANGE_LENGTH);
    }

    /**
     * @param index range index.
     * @return the number of sequences in that repair range.
     */
    public int rangeLength(final int index)
    {
        return buffer.getInt(offset + RANGES_OFFSET + index * RANGE_LENGTH + 8);
    }
}
