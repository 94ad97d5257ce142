package io.netpipe.receiver;

import java.nio.ByteBuffer;

import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.fec.CauchyCode;
import io.netpipe.protocol.fec.Words;

/**
 * A receiver's side of repairs by parity: keeps the PARITY frames of blocks it cannot yet complete (bounded: at most
 * {@link CauchyCode#MAX_ERASURES} per block, for the blocks the window spans), and as soon as it holds as many
 * parity packets of a block as the block misses, rebuilds the missing payloads and stores them through
 * {@link ReceiveSession#store} exactly as if their DATA had arrived. The block's payloads already written out are
 * still in the ring: the session's window starts at the writer's position rounded down to a block, so their slots
 * are not reused before the block is complete. It also tells the {@link ReceiveWindow} how many of a block's
 * missing sequences the parity held covers, so a report lists only what is still needed. The parity packets are
 * kept packed into {@code long}s ({@link Words}), the layout the code's vectorized multiply-add runs on; each held
 * payload is copied out of the ring and packed once per decode, then taken out of every parity packet. Owned by
 * the receiver agent's thread; the buffers are allocated on first use and reused.
 */
final class ParityRepair
{
    private static final int K = ParityFrame.BLOCK_PACKETS;
    private static final int HELD = CauchyCode.MAX_ERASURES;

    /** What became of one PARITY frame. */
    enum Outcome
    {
        /** Kept for later. */
        KEPT,
        /** Completed its block: payloads recovered. */
        RECOVERED,
        /** Not needed: its block is complete, the index is held, or the block holds all it may. */
        DUPLICATE,
        /** Beyond the window. */
        BEYOND_WINDOW,
        /** Impossible fields, or a count that contradicts the stream or an earlier parity packet. */
        INVALID
    }

    private final ReceiveSession session;
    private final ReceiveWindow window;
    private final int capacity;
    private final int words;
    private final int blockSlots;
    private final long[] slotBlock;
    private final int[] slotCount;
    private final int[] slotLastLength;
    private final int[] slotHeld;
    private final int[] slotMissing;
    private final int[][] slotIndex;
    private final long[][][] slotParity;
    private final CauchyCode code = new CauchyCode();
    private final int[] lost = new int[HELD];
    private final byte[] bytes;
    private final long[] packed;
    private final ByteBuffer outBuffer;
    private long recovered;

    /**
     * @param session  the session the recovered payloads go to.
     * @param window   its window.
     * @param capacity its payload capacity.
     */
    ParityRepair(final ReceiveSession session, final ReceiveWindow window, final int capacity)
    {
        this.session = session;
        this.window = window;
        this.capacity = capacity;
        this.words = Words.words(capacity);
        this.blockSlots = window.capacity() / K + 2;
        this.slotBlock = new long[blockSlots];
        java.util.Arrays.fill(slotBlock, -1L);
        this.slotCount = new int[blockSlots];
        this.slotLastLength = new int[blockSlots];
        this.slotHeld = new int[blockSlots];
        this.slotMissing = new int[blockSlots];
        this.slotIndex = new int[blockSlots][HELD];
        this.slotParity = new long[blockSlots][HELD][];
        this.bytes = new byte[8 * words];
        this.packed = new long[words];
        this.outBuffer = ByteBuffer.wrap(bytes);
    }

    /** @return packets rebuilt from parity. */
    long recovered()
    {
        return recovered;
    }

    /**
     * @param frame        a complete PARITY frame of the session.
     * @param frameLength  its length without the trailer.
     * @param totalPackets the stream's packet count, or -1 before the EOF.
     * @param windowEnd    one past the highest sequence the window takes now.
     * @return what became of it.
     */
    Outcome onParity(final ParityFrame frame, final int frameLength, final long totalPackets, final long windowEnd)
    {
        if (!frame.isValid(frameLength, capacity))
        {
            return Outcome.INVALID;
        }
        final long block = ParityFrame.extendBlock(frame.blockLow32(), window.contiguous() / K);
        final long first = block * K;
        final int count = frame.count();
        // The count must be the block's: a whole block, or the stream's last (short) one.
        final boolean countImpossible = totalPackets >= 0 ? count != Math.min(K, totalPackets - first) :
            count < K && first + count < window.highest();
        if (block < 0 || countImpossible)
        {
            return Outcome.INVALID;
        }
        if (first + count <= window.contiguous())
        {
            return Outcome.DUPLICATE;
        }
        if (first + count > windowEnd)
        {
            return Outcome.BEYOND_WINDOW;
        }
        final int slot = (int)(block % blockSlots);
        if (slotBlock[slot] != block)
        {
            slotBlock[slot] = block;
            slotCount[slot] = count;
            slotLastLength[slot] = frame.lastLength();
            slotHeld[slot] = 0;
        }
        else if (slotCount[slot] != count || slotLastLength[slot] != frame.lastLength())
        {
            return Outcome.INVALID;
        }
        final int held = slotHeld[slot];
        for (int i = 0; i < held; i++)
        {
            if (slotIndex[slot][i] == frame.index())
            {
                return Outcome.DUPLICATE;
            }
        }
        final int missing = missing(first, count);
        if (held == HELD || missing == 0)
        {
            return Outcome.DUPLICATE;
        }
        if (null == slotParity[slot][held])
        {
            slotParity[slot][held] = new long[words];
        }
        frame.buffer().get(frame.offset() + ParityFrame.PARITY_OFFSET, bytes, 0, capacity);
        Words.load(bytes, 0, capacity, slotParity[slot][held], words);
        slotIndex[slot][held] = frame.index();
        slotHeld[slot] = held + 1;
        slotMissing[slot] = missing;
        return missing <= held + 1 && tryDecode(block) ? Outcome.RECOVERED : Outcome.KEPT;
    }

    /**
     * A DATA payload arrived: with the parity held, its block may now decode.
     *
     * @param sequence the sequence stored.
     */
    void onStored(final long sequence)
    {
        final long block = sequence / K;
        final int slot = (int)(block % blockSlots);
        // Only a payload that brings the block's missing count down to the parity held can make it decode: each
        // stored sequence was one of the block's missing ones. Counting spares every other arrival of the block a
        // scan of its 128 slots.
        if (slotBlock[slot] == block && slotHeld[slot] > 0 && --slotMissing[slot] <= slotHeld[slot])
        {
            tryDecode(block);
        }
    }

    /**
     * @param block a block.
     * @return how many of its missing sequences the parity held covers (none when it misses more than a decode
     *         recovers: then every loss is asked for, and the sender retransmits).
     */
    int credit(final long block)
    {
        final int slot = (int)(block % blockSlots);
        if (slotBlock[slot] != block || slotHeld[slot] == 0)
        {
            return 0;
        }
        return missing(block * K, slotCount[slot]) <= HELD ? slotHeld[slot] : 0;
    }

    private int missing(final long first, final int count)
    {
        int missing = 0;
        for (long seq = Math.max(first, window.contiguous()); seq < first + count; seq++)
        {
            if (!window.isHeld(seq))
            {
                missing++;
            }
        }
        return missing;
    }

    private boolean tryDecode(final long block)
    {
        final int slot = (int)(block % blockSlots);
        final long first = block * K;
        final int count = slotCount[slot];
        int e = 0;
        for (int i = 0; i < count; i++)
        {
            if (!window.isHeld(first + i))
            {
                if (e == HELD)
                {
                    return false;
                }
                lost[e++] = i;
            }
        }
        if (e == 0 || e > slotHeld[slot])
        {
            return false;
        }
        final int[] parities = slotIndex[slot];
        final long[][] reduced = slotParity[slot];
        // Take the shares of the payloads held out of the first e parity packets (in place: they are used once).
        for (int i = 0; i < count; i++)
        {
            if (window.isHeld(first + i))
            {
                Words.load(bytes, 0, session.payload(first + i, bytes), packed, words);
                for (int r = 0; r < e; r++)
                {
                    CauchyCode.addToParity(parities[r], i, packed, words, reduced[r]);
                }
            }
        }
        slotBlock[slot] = -1;
        slotHeld[slot] = 0;
        if (!code.prepare(parities, lost, e))
        {
            return false;
        }
        for (int s = 0; s < e; s++)
        {
            final int length = lost[s] == count - 1 ? slotLastLength[slot] : capacity;
            code.recover(s, reduced, e, words, packed);
            Words.store(packed, bytes, 0, length);
            session.store(first + lost[s], outBuffer, 0, length);
            recovered++;
        }
        return true;
    }
}
