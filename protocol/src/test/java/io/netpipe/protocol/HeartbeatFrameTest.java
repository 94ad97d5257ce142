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

    @Test
    void shouldCarryTheHeldBackFlagBesideTheRanges()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(HeartbeatFrame.MAX_LENGTH);
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(100);
        assertFalse(frame.heldBack(), "a heartbeat says nothing of a hold unless told");

        frame.heldBack(true).range(0, 7, 3);
        assertTrue(frame.heldBack());
        assertEquals(1, frame.rangeCount());
        frame.heldBack(false);
        assertFalse(frame.heldBack());
        assertEquals(1, frame.rangeCount(), "the flags leave the ranges alone");
    }

    @Test
    void shouldRoundTripRepairRanges()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(HeartbeatFrame.MAX_LENGTH);
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(100).range(0, 7, 3).range(1, 1L << 40, 1);

        assertEquals(2, frame.rangeCount());
        assertTrue(frame.isComplete(HeartbeatFrame.length(2)));
        assertFalse(frame.isComplete(HeartbeatFrame.length(2) - 1));
        assertEquals(7, frame.rangeStart(0));
        assertEquals(3, frame.rangeLength(0));
        assertEquals(1L << 40, frame.rangeStart(1));
        assertEquals(1, frame.rangeLength(1));
    }

    @Test
    void shouldRejectMoreRangesThanAllowed()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(HeartbeatFrame.MAX_LENGTH + 64);
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(1);
        buffer.putShort(HeartbeatFrame.RANGE_COUNT_OFFSET, (short)(HeartbeatFrame.MAX_RANGES + 1));

        assertFalse(frame.isComplete(buffer.capacity()));
    }
}
