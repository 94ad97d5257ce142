package io.netpipe.transport.linux;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native address of a direct buffer's position, without an object a datagram. {@code MemorySegment.ofBuffer}
 * makes a segment and a session each call; the JIT's escape analysis removes them only when it inlines the whole
 * call, which a profile polluted by other callers (or a small TLAB) undoes: a JFR allocation profile of a sender
 * showed them as its only steady-state allocation. Senders send the same pooled frames again and again, so the
 * address of each buffer's start is remembered in an open-addressed table keyed by identity, and a frame is looked
 * up, not wrapped. A table too full only costs a wrap. The table holds its buffers strongly, so a remembered address
 * stays valid (its memory is not freed); that also means a buffer of an arena must not be sent after the arena
 * closed, which a wrap would have refused: netpipe's frames all come from {@code ByteBuffer.allocateDirect}.
 */
final class BufferAddresses
{
    /** Slots looked at before an entry is replaced: with the table a quarter full, nearly every buffer finds one. */
    private static final int PROBES = 8;

    private final ByteBuffer[] buffers;
    private final long[] bases;
    private final int mask;

    /** @param capacity entries, a power of two (enough for the sender's frame pool to stay resident). */
    BufferAddresses(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        buffers = new ByteBuffer[capacity];
        bases = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * @param buffer a direct buffer.
     * @return the address of its position.
     */
    long of(final ByteBuffer buffer)
    {
        final int home = mix(System.identityHashCode(buffer));
        for (int probe = 0; probe < PROBES; probe++)
        {
            final int slot = (home + probe) & mask;
            final ByteBuffer held = buffers[slot];
            if (held == buffer)
            {
                return bases[slot] + buffer.position();
            }
            if (null == held)
            {
                return remember(slot, buffer);
            }
        }
        return remember(home & mask, buffer);
    }

    private long remember(final int slot, final ByteBuffer buffer)
    {
        bases[slot] = MemorySegment.ofBuffer(buffer).address() - buffer.position();
        buffers[slot] = buffer;
        return bases[slot] + buffer.position();
    }

    private static int mix(final int hash)
    {
        final int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
