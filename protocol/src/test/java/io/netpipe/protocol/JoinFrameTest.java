package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JoinFrameTest
{
    private static final int SESSION = 0x10203040;
    private final CRC32 crc = new CRC32();

    private int write(final ByteBuffer buffer, final String name)
    {
        final JoinFrame frame = new JoinFrame();
        frame.wrap(buffer).writeHeader(FrameType.JOIN, SESSION);
        final int length = frame.write(0xFEEDFACECAFEBEEFL, 0x5EC2E7_0000_1234L, 23_000, name);
        Frames.seal(buffer, length, crc);
        return length;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripNonceWindowAndName(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(256);
        final int length = write(buffer, "lab-rx3");

        assertEquals(FrameType.JOIN, Frames.verify(buffer, length, crc));
        final JoinFrame frame = new JoinFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(length));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(0xFEEDFACECAFEBEEFL, frame.nonce());
        assertEquals(0x5EC2E7_0000_1234L, frame.secret());
        assertEquals(23_000, frame.window());
        assertEquals("lab-rx3", frame.name());
    }

    @Test
    void shouldTruncateLongNameToMaxLength()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        final int length = write(buffer, "h".repeat(100));

        assertEquals(JoinFrame.NAME_OFFSET + JoinFrame.MAX_NAME_LENGTH, length);
        final JoinFrame frame = new JoinFrame();
        frame.wrap(buffer);
        assertEquals("h".repeat(JoinFrame.MAX_NAME_LENGTH), frame.name());
    }

    @Test
    void shouldRejectNameLongerThanDatagram()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        final int length = write(buffer, "lab-rx3");

        assertFalse(new JoinFrame().wrap(buffer).isComplete(length - 1));
        assertFalse(new JoinFrame().wrap(buffer).isComplete(JoinFrame.NAME_OFFSET - 1));
        assertNull(Frames.verify(buffer, length - 1, crc));
    }

    @Test
    void shouldRejectNameLengthAboveMax()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        write(buffer, "lab-rx3");
        buffer.put(JoinFrame.NAME_LENGTH_OFFSET, (byte)(JoinFrame.MAX_NAME_LENGTH + 1));

        assertFalse(new JoinFrame().wrap(buffer).isComplete(256));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        Frames.assertEveryBitFlipRejected(buffer, write(buffer, "rx"), FrameType.JOIN);
    }
}
