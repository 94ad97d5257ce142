package io.netpipe.protocol;

import java.nio.ByteBuffer;

/** Codecs must work the same over heap and direct buffers: tests run over both. */
enum BufferKind
{
    HEAP, DIRECT;

    ByteBuffer allocate(final int capacity)
    {
        return this == HEAP ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }
}
