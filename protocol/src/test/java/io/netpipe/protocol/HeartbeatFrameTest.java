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

class HeartbeatFrameTest
{
    private static final int SESSION = -7;
    private final CRC32 crc = new CRC32();

    private ByteBuffer sealed(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(64);
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(Long.MAX_VALUE - 1);
        Frames.seal(buffer, HeartbeatFrame.LENGTH, crc);
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripNextSequence(final BufferKind kind)
    {
        final ByteBuffer buffer = sealed(kind);

        assertEquals(FrameType.HEARTBEAT, Frames.verify(buffer, HeartbeatFrame.LENGTH, crc));
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(HeartbeatFrame.LENGTH));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(Long.MAX_VALUE - 1, frame.nextSequence());
    }

    @Test
    void shouldRejectTruncatedFrame()
    {
        final ByteBuffer buffer = sealed(BufferKind.HEAP);

        assertFalse(new HeartbeatFrame().wrap(buffer).isComplete(HeartbeatFrame.LENGTH - 1));
        assertNull(Frames.verify(buffer, HeartbeatFrame.LENGTH - 1, crc));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealed(BufferKind.HEAP), HeartbeatFrame.LENGTH, FrameType.HEARTBEAT);
    }
}
