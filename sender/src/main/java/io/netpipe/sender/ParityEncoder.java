package io.netpipe.sender;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.fec.CauchyCode;
import io.netpipe.protocol.fec.Words;

/**
 * Builds sealed PARITY frames from the DATA frames the {@link RetransmitWindow} holds. The code runs on payloads
 * packed into {@code long}s ({@link Words}: its multiply-add is vectorized there), so each payload is bulk-copied
 * out of its frame and packed; the packed block is kept, because a block that needs parity usually needs several
 * packets of it, asked for one after the other: the second and later indexes of a block skip the copies (a block's
 * payloads never change, so the block number and count identify them). That costs 128 packed payloads of memory
 * (186 KB at MTU 1500). The frames come from a ring of buffers deeper than one burst, since a batching transport
 * reads them only at the flush. Unkeyed sessions only (the held payloads are plaintext). Allocation-free after
 * construction.
 */
final class ParityEncoder
{
    private static final int K = ParityFrame.BLOCK_PACKETS;

    private final int sessionId;
    private final int capacity;
    private final int words;
    private final FrameSealer sealer;
    private final byte[] bytes;
    private final long[][] block;
    private final long[] parity;
    private final ByteBuffer[] frames = new ByteBuffer[2 * Transmitter.BURST + 2];
    private final ParityFrame frame = new ParityFrame();
    private long packedBlock = -1;
    private int packedCount;
    private int packedLastLength;
    private int nextFrame;

    /**
     * @param config the session.
     * @param sealer this thread's sealer.
     */
    ParityEncoder(final SendConfig config, final FrameSealer sealer)
    {
        this.sessionId = config.sessionId();
        this.capacity = config.geometry().payloadCapacity();
        this.words = Words.words(capacity);
        this.sealer = sealer;
        this.bytes = new byte[8 * words];
        this.block = new long[K][words];
        this.parity = new long[words];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = ByteBuffer.allocateDirect(config.packetSize());
        }
    }

    /** @return the length of every PARITY frame of the session. */
    int frameLength()
    {
        return ParityFrame.PARITY_OFFSET + capacity;
    }

    /**
     * @param window      the held frames; every sequence of the block must be held.
     * @param blockNumber the block.
     * @param count       its packet count.
     * @param index       the parity index.
     * @return the sealed frame, valid until {@code frames.length} more encodes.
     */
    ByteBuffer encode(final RetransmitWindow window, final long blockNumber, final int count, final int index)
    {
        if (blockNumber != packedBlock || count != packedCount)
        {
            pack(window, blockNumber, count);
        }
        Arrays.fill(parity, 0L);
        for (int i = 0; i < count; i++)
        {
            CauchyCode.addToParity(index, i, block[i], words, parity);
        }
        Words.store(parity, bytes, 0, capacity);
        final ByteBuffer out = frames[nextFrame];
        nextFrame = (nextFrame + 1) % frames.length;
        out.clear();
        frame.wrap(out).writeHeader(FrameType.PARITY, sessionId);
        frame.fields(blockNumber, index, count, packedLastLength);
        out.put(ParityFrame.PARITY_OFFSET, bytes, 0, capacity);
        sealer.seal(out, 0, frameLength());
        return out;
    }

    /** Copies the block's payloads out of their frames (a bulk copy each) and packs them, zero-padded. */
    private void pack(final RetransmitWindow window, final long blockNumber, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final ByteBuffer data = window.frame(blockNumber * K + i);
            final int length = data.limit() - DataFrame.PAYLOAD_OFFSET;
            data.get(DataFrame.PAYLOAD_OFFSET, bytes, 0, length);
            Words.load(bytes, 0, length, block[i], words);
            packedLastLength = length;
        }
        packedBlock = blockNumber;
        packedCount = count;
    }
}
