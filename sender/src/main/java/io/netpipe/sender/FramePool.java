package io.netpipe.sender;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;

/**
 * The sender's datagram buffers: one direct block cut into packet-sized frames that circulate between the
 * reader, which fills and seals them, and the sender agent, which sends, keeps them for retransmission and
 * hands them back. Two single-producer single-consumer rings carry them; nothing is allocated after start.
 */
public final class FramePool
{
    private final ByteBuffer[] frames;
    private final MessagePassingQueue<ByteBuffer> free;
    private final MessagePassingQueue<ByteBuffer> filled;

    /**
     * @param frameCount frames in the pool, a power of two.
     * @param packetSize bytes per frame.
     */
    public FramePool(final int frameCount, final int packetSize)
    {
        if (Integer.bitCount(frameCount) != 1)
        {
            throw new IllegalArgumentException("frame count must be a power of two: " + frameCount);
        }
        final ByteBuffer block = ByteBuffer.allocateDirect(frameCount * packetSize);
        frames = new ByteBuffer[frameCount];
        free = new SpscVarHandleArrayQueue<>(frameCount);
        filled = new SpscVarHandleArrayQueue<>(frameCount);
        for (int i = 0; i < frameCount; i++)
        {
            frames[i] = block.slice(i * packetSize, packetSize).order(ByteOrder.BIG_ENDIAN);
            free.offer(frames[i]);
        }
    }

    /** @return frames in the pool. */
    public int frameCount()
    {
        return frames.length;
    }

    /** @return empty frames, produced by the sender agent and consumed by the reader. */
    public MessagePassingQueue<ByteBuffer> free()
    {
        return free;
    }

    /** @return sealed DATA frames in sequence order, produced by the reader and consumed by the sender agent. */
    public MessagePassingQueue<ByteBuffer> filled()
    {
        return filled;
    }
}
