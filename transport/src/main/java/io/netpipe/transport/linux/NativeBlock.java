package io.netpipe.transport.linux;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory the kernel reads or fills (message headers, iovecs, names, control data, datagram slots), read and
 * written through a plain direct {@link ByteBuffer} in the machine's byte order, with its address taken once for the
 * system calls. Why not a {@link MemorySegment} of an arena: every access to one goes through a var handle and a
 * session check, which the JIT compiles into far larger code. A receiver's JFR compilation profile showed the
 * transport's loops taking twice the compile time of the NIO transport's (C1 code of 44-117 kB for methods that
 * only read and write a few header fields, and C2 recompiling each of them), on machines where compiling is CPU
 * taken from the data. A buffer from {@code allocateDirect} has no session: its accesses compile as plain loads and
 * stores, and its memory lives as long as the buffer does.
 */
final class NativeBlock
{
    private final ByteBuffer buffer;
    private final long address;

    /**
     * @param bytes     the size.
     * @param alignment the alignment of the first byte, a power of two.
     */
    NativeBlock(final int bytes, final int alignment)
    {
        final ByteBuffer raw = ByteBuffer.allocateDirect(bytes + alignment);
        final long rawAddress = MemorySegment.ofBuffer(raw).address();
        final int skip = (int)(-rawAddress & (alignment - 1));
        buffer = raw.slice(skip, bytes).order(ByteOrder.nativeOrder());
        address = rawAddress + skip;
    }

    /** @return the memory, in native byte order; absolute accesses only (its position is never used). */
    ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return the native address of byte 0. */
    long address()
    {
        return address;
    }

    /** @return the native address of byte {@code offset}. */
    long address(final long offset)
    {
        return address + offset;
    }
}
