package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EofFrameTest
{
    private static final int SESSION = 42;
    private final CRC32 crc = new CRC32();

    private static byte[] digest()
    {
        final byte[] digest = new byte[EofFrame.DIGEST_LENGTH];
        for (int i = 0; i < digest.length; i++)
        {
            digest[i] = (byte)(0xA0 + i);
        }
        return digest;
    }

    private ByteBuffer sealed(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(128);
        final EofFrame frame = new EofFrame();
        frame.wrap(buffer).writeHeader(FrameType.EOF, SESSION);
        frame.packetCount(3_000_000_000L).byteCount(4_331_999_999_999L).putDigest(digest());
        Frames.seal(buffer, EofFrame.LENGTH, crc);
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripCountsAndDigest(final BufferKind kind)
    {
        final ByteBuffer buffer = sealed(kind);

        assertEquals(FrameType.EOF, Frames.verify(buffer, EofFrame.LENGTH, crc));
        final EofFrame frame = new EofFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(EofFrame.LENGTH));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(3_000_000_000L, frame.packetCount());
        assertEquals(4_331_999_999_999L, frame.byteCount());
        final byte[] digest = new byte[EofFrame.DIGEST_LENGTH];
        frame.getDigest(digest);
        assertArrayEquals(digest(), digest);
    }

    @Test
    void shouldRejectTruncatedFrame()
    {
        final ByteBuffer buffer = sealed(BufferKind.HEAP);

        assertFalse(new EofFrame().wrap(buffer).isComplete(EofFrame.LENGTH - 1));
        assertNull(Frames.verify(buffer, EofFrame.LENGTH - 1, crc));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealed(BufferKind.DIRECT), EofFrame.LENGTH, FrameType.EOF);
    }
}
