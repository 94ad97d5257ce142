package io.netpipe.protocol;

import io.netpipe.protocol.fec.CauchyCode;

/**
 * PARITY (version 4; recoded in version 5 so that parity 0 is a plain XOR): parity packet {@code index} over block
 * {@code block}, i.e. over the DATA payloads of sequences {@code [block * 128, block * 128 + count)} padded with
 * zeros to the session's payload capacity (see {@link CauchyCode}). Its body is as long as a full DATA payload, so
 * the frame is exactly as long as a full DATA frame: the fields fit in DATA's 8-byte sequence. The block number
 * carries its low 32 bits (a receiver extends them against its own position, like TCP's sequence numbers); the last
 * payload length is that of the block's last packet, so a receiver can cut a rebuilt last packet of the stream to
 * size. Sealed and verified like DATA.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 8)              |
 * +---------------------------------------------------------------+
 * |                  block number, low 32 bits                    |
 * +---------------+---------------+-------------------------------+
 * | parity index  | block count   |   length of the last payload  |
 * +---------------+---------------+-------------------------------+
 * |                 parity bytes (payload capacity) ...           |
 * </pre>
 */
public final class ParityFrame extends FrameHeader
{
    /** DATA packets per block (the last block of a stream may be shorter). */
    public static final int BLOCK_PACKETS = CauchyCode.MAX_BLOCK;
    /** Offset of the block number's low 32 bits. */
    public static final int BLOCK_OFFSET = HEADER_LENGTH;
    /** Offset of the parity index. */
    public static final int INDEX_OFFSET = BLOCK_OFFSET + 4;
    /** Offset of the block's packet count. */
    public static final int COUNT_OFFSET = INDEX_OFFSET + 1;
    /** Offset of the length of the block's last payload. */
    public static final int LAST_LENGTH_OFFSET = COUNT_OFFSET + 1;
    /** Offset of the parity bytes: the same as DATA's payload. */
    public static final int PARITY_OFFSET = LAST_LENGTH_OFFSET + 2;

    /**
     * @param sequence a DATA sequence.
     * @return its block number.
     */
    public static long blockOf(final long sequence)
    {
        return sequence / BLOCK_PACKETS;
    }

    /**
     * Extends a block number's low 32 bits to the block nearest a reference block.
     *
     * @param low32     the low 32 bits as carried.
     * @param reference a block number known to be near (a receiver's first incomplete block).
     * @return the full block number.
     */
    public static long extendBlock(final int low32, final long reference)
    {
        final long candidate = (reference & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(low32);
        final long delta = candidate - reference;
        if (delta > Integer.MAX_VALUE)
        {
            return candidate - (1L << 32);
        }
        if (delta < Integer.MIN_VALUE)
        {
            return candidate + (1L << 32);
        }
        return candidate;
    }

    /**
     * @param frameLength the frame's length without the trailer.
     * @param capacity    the session's payload capacity.
     * @return whether the fields are possible: a count of 1..{@value #BLOCK_PACKETS}, an index below
     *         {@link CauchyCode#MAX_PARITY}, a last length of 1..capacity, parity bytes exactly the capacity.
     */
    public boolean isValid(final int frameLength, final int capacity)
    {
        return frameLength == PARITY_OFFSET + capacity && index() < CauchyCode.MAX_PARITY && count() >= 1 &&
            count() <= BLOCK_PACKETS && lastLength() >= 1 && lastLength() <= capacity;
    }

    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength > PARITY_OFFSET;
    }

    /**
     * Writes the fields after the header.
     *
     * @param block      the block number.
     * @param index      the parity index.
     * @param count      the block's packet count.
     * @param lastLength the length of the block's last payload.
     * @return this.
     */
    public ParityFrame fields(final long block, final int index, final int count, final int lastLength)
    {
        buffer.putInt(offset + BLOCK_OFFSET, (int)block);
        buffer.put(offset + INDEX_OFFSET, (byte)index);
        buffer.put(offset + COUNT_OFFSET, (byte)count);
        buffer.putShort(offset + LAST_LENGTH_OFFSET, (short)lastLength);
        return this;
    }

    /** @return the block number's low 32 bits. */
    public int blockLow32()
    {
        return buffer.getInt(offset + BLOCK_OFFSET);
    }

    /** @return the parity index. */
    public int index()
    {
        return buffer.get(offset + INDEX_OFFSET) & 0xFF;
    }

    /** @return the block's packet count. */
    public int count()
    {
        return buffer.get(offset + COUNT_OFFSET) & 0xFF;
    }

    /** @return the length of the block's last payload. */
    public int lastLength()
    {
        return buffer.getShort(offset + LAST_LENGTH_OFFSET) & 0xFFFF;
    }
}
