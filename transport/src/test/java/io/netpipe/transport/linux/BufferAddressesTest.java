package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class BufferAddressesTest
{
    @Test
    void shouldGiveTheAddressOfEachBuffersPositionWhateverTheTableHolds()
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(3000 * 64);
        final ByteBuffer[] frames = new ByteBuffer[3000];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = block.slice(i * 64, 64);
        }
        // 16 slots for 3,000 buffers: most lookups replace an entry, and every answer must still be right.
        final BufferAddresses addresses = new BufferAddresses(16);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < frames.length; i++)
            {
                final ByteBuffer frame = frames[(i * 7 + round) % frames.length];
                frame.position((i + round) % 64);
                assertEquals(MemorySegment.ofBuffer(frame).address(), addresses.of(frame));
            }
        }
    }

    @Test
    void shouldRefuseATableSizeThatIsNotAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new BufferAddresses(48));
    }
}
