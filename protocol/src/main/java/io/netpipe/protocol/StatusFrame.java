package io.netpipe.protocol;

import java.nio.charset.StandardCharsets;

/**
 * STATUS: a receiver's whole state in one datagram, sent a few milliseconds after anything changes and
 * periodically as a heartbeat. It replaces per-packet acknowledgements: its cost does not grow with the
 * data rate. In init it says "ready"; after EOF it says "done" (the digest matched) or "failed".
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 7)              |
 * +-------------------------------+---------------+---------------+
 * |          receiver id          |     flags     |  range count  |
 * +-------------------------------+---------------+---------------+
 * |                         nonce (64 bits)                       |
 * +---------------------------------------------------------------+
 * |     contiguous: every sequence below it is held (64 bits)     |
 * +---------------------------------------------------------------+
 * |   window end: it can take sequences below this (64 bits)      |
 * +---------------------------------------------------------------+
 * |            packets found missing, cumulative (32 bits)        |
 * +---------------------------------------------------------------+
 * |  packets judged and not missing, cumulative (32 bits)         |
 * +---------------------------------------------------------------+
 * |   missing range: first sequence - contiguous (32 bits)        |
 * +-------------------------------+-------------------------------+
 * |  missing range: length (16)   |  next range's distance ...    |
 * +-------------------------------+-------------------------------+
 * |                              ...                              |
 * +---------------------------------------------------------------+
 * </pre>
 * A range takes 6 bytes (version 6; 12 in version 5): its start as a distance from the contiguous position, which
 * every missing sequence is at or above, and a length of at most {@link #MAX_RANGE_PACKETS} (a longer gap is
 * listed as several). So one report names up to {@link #MAX_RANGES} losses, and at 1% loss the receivers' reports
 * are spaced by their credit rather than by what one report can list (README, "Feedback at scale").
 * A FAILED status carries no ranges; in their place it may carry the receiver's reason: one byte of length, then
 * up to {@link #MAX_REASON_LENGTH} bytes of UTF-8 text. A sender that predates the reason reads the frame as one
 * with no ranges (a frame longer than its ranges is complete), so the field is compatible both ways.
 */
public final class StatusFrame extends FrameHeader
{
    /** The whole stream was written and its digest matched. */
    public static final int FLAG_DONE = 1;
    /** The receiver gave up: digest mismatch, output error, or interrupted. */
    public static final int FLAG_FAILED = 2;
    /** Offset of the receiver id. */
    public static final int RECEIVER_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = RECEIVER_ID_OFFSET + 2;
    /** Offset of the range count. */
    public static final int RANGE_COUNT_OFFSET = FLAGS_OFFSET + 1;
    /** Offset of the nonce. */
    public static final int NONCE_OFFSET = RANGE_COUNT_OFFSET + 1;
    /** Offset of the contiguous position. */
    public static final int CONTIGUOUS_OFFSET = NONCE_OFFSET + 8;
    /** Offset of the window end. */
    public static final int WINDOW_END_OFFSET = CONTIGUOUS_OFFSET + 8;
    /** Offset of the cumulative count of packets found missing. */
    public static final int LOST_OFFSET = WINDOW_END_OFFSET + 8;
    /** Offset of the cumulative count of packets judged and not found missing ({@link #received()}). */
    public static final int RECEIVED_OFFSET = LOST_OFFSET + 4;
    /** Offset of the first missing range. */
    public static final int RANGES_OFFSET = RECEIVED_OFFSET + 4;
    /** Bytes per range. */
    public static final int RANGE_LENGTH = 6;
    /**
     * Most ranges one frame carries, whatever the packet size: 1,128 bytes with the header, so that a sealed STATUS
     * (up to 44 bytes of trailer) stays within an IPv6 minimum-MTU datagram (1,232 bytes of payload).
     */
    public static final int MAX_RANGES = 180;
    /** Most packets one range names. */
    public static final int MAX_RANGE_PACKETS = 0xFFFF;
    /** Length of a frame with the most ranges. */
    public static final int MAX_LENGTH = RANGES_OFFSET + MAX_RANGES * RANGE_LENGTH;
    /** Offset of a FAILED status's reason length; the text follows. */
    public static final int REASON_LENGTH_OFFSET = RANGES_OFFSET;
    /** Longest reason, in UTF-8 bytes: the frame stays far below the smallest packet size. */
    public static final int MAX_REASON_LENGTH = 200;

    /**
     * @param rangeCount ranges carried.
     * @return the frame length.
     */
    public static int length(final int rangeCount)
    {
        return RANGES_OFFSET + rangeCount * RANGE_LENGTH;
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the ranges fit the datagram.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= RANGES_OFFSET && rangeCount() <= MAX_RANGES &&
            length(rangeCount()) <= frameLength;
    }

    /** @return the receiver id. */
    public int receiverId()
    {
        return buffer.getShort(offset + RECEIVER_ID_OFFSET) & 0xFFFF;
    }

    /** @return the flags. */
    public int flags()
    {
        return buffer.get(offset + FLAGS_OFFSET) & 0xFF;
    }

    /** @return the number of missing ranges. */
    public int rangeCount()
    {
        return buffer.get(offset + RANGE_COUNT_OFFSET) & 0xFF;
    }

    /** @return the nonce. */
    public long nonce()
    {
        return buffer.getLong(offset + NONCE_OFFSET);
    }

    /** @return the first sequence the receiver does not hold. */
    public long contiguous()
    {
        return buffer.getLong(offset + CONTIGUOUS_OFFSET);
    }

    /** @return one past the highest sequence the receiver can take now. */
    public long windowEnd()
    {
        return buffer.getLong(offset + WINDOW_END_OFFSET);
    }

    /** @return cumulative packets found missing (wraps at 2^32). */
    public int lost()
    {
        return buffer.getInt(offset + LOST_OFFSET);
    }

    /**
     * @param lost cumulative packets found missing.
     * @return this.
     */
    public StatusFrame lost(final int lost)
    {
        buffer.putInt(offset + LOST_OFFSET, lost);
        return this;
    }

    /**
     * @return cumulative packets received among those the lost count has looked at (wraps at 2^32): every sequence
     *         below the point the receiver's reports have listed its losses through is either found missing or counted
     *         here, once, so between two reports the lost count over both counts is the loss of exactly the sequences
     *         judged in between. Counting every packet held as it arrived (before) made that fraction swing with the
     *         reports' listing, which waits a back-off, and one receiver with 5% steady loss read as 9-11%: congestion.
     */
    public int received()
    {
        return buffer.getInt(offset + RECEIVED_OFFSET);
    }

    /**
     * @param received cumulative packets judged and not found missing ({@link #received()}).
     * @return this.
     */
    public StatusFrame received(final int received)
    {
        buffer.putInt(offset + RECEIVED_OFFSET, received);
        return this;
    }

    /**
     * @param index range index.
     * @return the first missing sequence of that range.
     */
    public long rangeStart(final int index)
    {
        return contiguous() + Integer.toUnsignedLong(buffer.getInt(offset + RANGES_OFFSET + index * RANGE_LENGTH));
    }

    /**
     * @param index range index.
     * @return the number of missing sequences in that range.
     */
    public int rangeLength(final int index)
    {
        return buffer.getShort(offset + RANGES_OFFSET + index * RANGE_LENGTH + 4) & 0xFFFF;
    }

    /**
     * Writes the fixed part of the body; ranges follow with {@link #range}.
     *
     * @param receiverId the receiver id.
     * @param flags      {@link #FLAG_DONE}, {@link #FLAG_FAILED} or 0.
     * @param nonce      the receiver's nonce.
     * @param contiguous first sequence not held.
     * @param windowEnd  one past the highest sequence it can take.
     * @param lost       cumulative packets found missing.
     * @param received   cumulative packets judged and not found missing ({@link #received()}).
     * @return this.
     */
    public StatusFrame write(
        final int receiverId,
        final int flags,
        final long nonce,
        final long contiguous,
        final long windowEnd,
        final int lost,
        final int received)
    {
        buffer.putShort(offset + RECEIVER_ID_OFFSET, (short)receiverId);
        buffer.put(offset + FLAGS_OFFSET, (byte)flags);
        buffer.put(offset + RANGE_COUNT_OFFSET, (byte)0);
        buffer.putLong(offset + NONCE_OFFSET, nonce);
        buffer.putLong(offset + CONTIGUOUS_OFFSET, contiguous);
        buffer.putLong(offset + WINDOW_END_OFFSET, windowEnd);
        buffer.putInt(offset + LOST_OFFSET, lost);
        buffer.putInt(offset + RECEIVED_OFFSET, received);
        return this;
    }

    /**
     * @param index  range index, below {@link #MAX_RANGES}.
     * @param start  first missing sequence: at or above {@link #contiguous()} (written first), less than 2^32 above.
     * @param length missing sequences, 1 to {@link #MAX_RANGE_PACKETS}.
     * @return this.
     */
    public StatusFrame range(final int index, final long start, final int length)
    {
        final long distance = start - contiguous();
        assert distance >= 0 && distance <= 0xFFFF_FFFFL && length > 0 && length <= MAX_RANGE_PACKETS :
            "range " + start + "+" + length + " from " + contiguous();
        buffer.putInt(offset + RANGES_OFFSET + index * RANGE_LENGTH, (int)distance);
        buffer.putShort(offset + RANGES_OFFSET + index * RANGE_LENGTH + 4, (short)length);
        buffer.put(offset + RANGE_COUNT_OFFSET, (byte)(index + 1));
        return this;
    }

    /**
     * Writes a FAILED status's reason in place of ranges.
     *
     * @param reason the reason, truncated to {@link #MAX_REASON_LENGTH} bytes (at a character boundary).
     * @return the frame length.
     */
    public int writeReason(final String reason)
    {
        final byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_REASON_LENGTH);
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--; // never cut a character in two
        }
        buffer.put(offset + RANGE_COUNT_OFFSET, (byte)0);
        buffer.put(offset + REASON_LENGTH_OFFSET, (byte)length);
        buffer.put(offset + REASON_LENGTH_OFFSET + 1, bytes, 0, length);
        return REASON_LENGTH_OFFSET + 1 + length;
    }

    /**
     * @param frameLength the frame length, without the trailer.
     * @return the reason a FAILED status carries (allocates: control path only), or "" when it carries none or
     *     the length does not fit the frame. Text from the network: escape it before showing it.
     */
    public String reason(final int frameLength)
    {
        if ((flags() & FLAG_FAILED) == 0 || rangeCount() != 0 || frameLength <= REASON_LENGTH_OFFSET)
        {
            return "";
        }
        final int length = buffer.get(offset + REASON_LENGTH_OFFSET) & 0xFF;
        if (length > MAX_REASON_LENGTH || REASON_LENGTH_OFFSET + 1 + length > frameLength)
        {
            return "";
        }
        final byte[] bytes = new byte[length];
        buffer.get(offset + REASON_LENGTH_OFFSET + 1, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
