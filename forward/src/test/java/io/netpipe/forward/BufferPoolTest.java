package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class BufferPoolTest
{
    @Test
    void shouldReuseAReleasedBufferCleared()
    {
        final BufferPool pool = new BufferPool(4096, 2);
        final ByteBuffer buffer = pool.acquire();
        buffer.position(100);
        pool.release(buffer);
        final ByteBuffer again = pool.acquire();
        assertSame(buffer, again);
        assertEquals(0, again.position());
        assertEquals(4096, again.limit());
        assertTrue(again.isDirect());
    }

    @Test
    void shouldKeepNoMoreIdleBuffersThanItsBound()
    {
        final BufferPool pool = new BufferPool(1024, 2);
        for (int i = 0; i < 3; i++)
        {
            pool.release(ByteBuffer.allocateDirect(1024));
        }
        assertEquals(2, pool.idleCount());
    }
}
