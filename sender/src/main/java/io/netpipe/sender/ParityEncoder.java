package io.netpipe.sender;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.fec.CauchyCode;

/**
 * Builds sealed PARITY frames from the DATA frames the {@link RetransmitWindow} holds: each payload is copied once
 * into a byte array (a bulk copy; the multiply loop runs much faster over arrays than over direct buffers) and
 * multiplied into the parity. The frames come from a ring of buffers deeper than one burst, since a batching
 * transport reads them only at the flush. Unkeyed sessions only (the held payloads are plaintext). Allocation-free
 * after construction.
 */
final class ParityEncoder
{
    private static final int K = ParityFrame.BLOCK_PACKETS;

    private final int sessionId;
    private final int capacity;
    private final FrameSealer sealer;
    private final byte[] source;
    private final byte[] parity;
    private final ByteBuffer[] frames = new ByteBuffer[2 * Transmitter.BURST + 2];
    private final ParityFrame frame = new ParityFrame();
    private int nextFrame;

    /**
     * @param config the session.
     * @param sealer this thread's sealer.
     */
    ParityEncoder(final SendConfig config, final FrameSealer sealer)
    {
        this.sessionId = config.sessionId();
        this.capacity = config.geometry().payloadCapacity();
        this.sealer = sealer;
        this.source = new byte[capacity];
        this.parity = new byte[capacity];
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
     * @param window the held frames; every sequence of the block must be held.
     * @param block  the block.
     * @param count  its packet count.
     * @param index  the parity index.
     * @return the sealed frame, valid until {@code frames.length} more encodes.
     */
    ByteBuffer encode(final RetransmitWindow window, final long block, final int count, final int index)
    {
        Arrays.fill(parity, (byte)0);
        int lastLength = 0;
        for (int i = 0; i < count; i++)
        {
            final ByteBuffer data = window.frame(block * K + i);
            lastLength = data.limit() - DataFrame.PAYLOAD_OFFSET;
            data.get(DataFrame.PAYLOAD_OFFSET, source, 0, lastLength);
            CauchyCode.addToParity(index, i, source, 0, lastLength, parity);
        }
        final ByteBuffer out = frames[nextFrame];
        nextFrame = (nextFrame + 1) % frames.length;
        out.clear();
        frame.wrap(out).writeHeader(FrameType.PARITY, sessionId);
        frame.fields(block, index, count, lastLength);
        out.put(ParityFrame.PARITY_OFFSET, parity, 0, capacity);
        sealer.seal(out, 0, frameLength());
        return out;
    }
}
