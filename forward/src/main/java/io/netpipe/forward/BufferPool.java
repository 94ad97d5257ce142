package io.netpipe.forward;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Direct copy buffers reused across connections, so a busy relay does not allocate (and later free) native
 * memory per connection. The idle list is bounded: after a burst of many pairs the surplus is left to the GC.
 */
final class BufferPool
{
    private final int bufferBytes;
    // ArrayBlockingQueue rather than a linked queue: offer and poll allocate no nodes.
    private final ArrayBlockingQueue<ByteBuffer> idle;

    BufferPool(final int bufferBytes, final int maxIdle)
    {
        this.bufferBytes = bufferBytes;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    ByteBuffer acquire()
    {
        final ByteBuffer buffer = idle.poll();
        return null == buffer ? ByteBuffer.allocateDirect(bufferBytes) : buffer.clear();
    }

    void release(final ByteBuffer buffer)
    {
        idle.offer(buffer);
    }

    int idleCount()
    {
        return idle.size();
    }
}
