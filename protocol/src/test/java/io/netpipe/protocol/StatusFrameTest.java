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

class StatusFrameTest
{
    private static final int SESSION = 0xABCDEF01;
    private final CRC32 crc = new CRC32();

    private int writeWithRanges(final ByteBuffer buffer, final int ranges)
    {
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer).writeHeader(FrameType.STATUS, SESSION);
        frame.write(65534, StatusFrame.FLAG_DONE | StatusFrame.FLAG_FAILED, -2L, 5_000_000_000L, 5_000_016_384L,
            -1, 0x7FFFFFFF);
        for (int i = 0; i < ranges; i++)
        {
            frame.range(i, 5_000_000_000L + 1000L * i + 3, i + 1);
        }
        final int length = StatusFrame.length(ranges);
        Frames.seal(buffer, length, crc);
        return length;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripFieldsAndRanges(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(StatusFrame.MAX_LENGTH);
        final int length = writeWithRanges(buffer, 3);

        assertEquals(FrameType.STATUS, Frames.verify(buffer, length, crc));
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(length));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(65534, frame.receiverId());
        assertEquals(StatusFrame.FLAG_DONE | StatusFrame.FLAG_FAILED, frame.flags());
        assertEquals(-2L, frame.nonce());
        assertEquals(5_000_000_000L, frame.contiguous());
        assertEquals(5_000_016_384L, frame.windowEnd());
        assertEquals(0xFFFFFFFFL, Integer.toUnsignedLong(frame.lost()));
        assertEquals(0x7FFFFFFF, frame.received());
        assertEquals(3, frame.rangeCount());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(5_000_000_000L + 1000L * i + 3, frame.rangeStart(i));
            assertEquals(i + 1, frame.rangeLength(i));
        }
    }

    @Test
    void shouldCarryMaxRangesInMaxLength()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final int length = writeWithRanges(buffer, StatusFrame.MAX_RANGES);

        assertEquals(StatusFrame.MAX_LENGTH, length);
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(length));
        assertEquals(StatusFrame.MAX_RANGES, frame.rangeCount());
    }

    @Test
    void shouldCarryRangesAsFarAndAsLongAsTheirFieldsAllow()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer).writeHeader(FrameType.STATUS, SESSION);
        frame.write(1, 0, 1L, 1L << 40, (1L << 40) + 10, 0, 0);
        frame.range(0, 1L << 40, StatusFrame.MAX_RANGE_PACKETS).range(1, (1L << 40) + 0xFFFF_FFFFL, 1);

        assertEquals(1L << 40, frame.rangeStart(0));
        assertEquals(StatusFrame.MAX_RANGE_PACKETS, frame.rangeLength(0));
        assertEquals((1L << 40) + 0xFFFF_FFFFL, frame.rangeStart(1));
        assertEquals(1, frame.rangeLength(1));
        assertEquals(StatusFrame.RANGES_OFFSET + 12, StatusFrame.length(2));
    }

    @Test
    void shouldResetRangeCountWhenRewritten()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        writeWithRanges(buffer, 5);
        final int length = writeWithRanges(buffer, 0);

        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertEquals(0, frame.rangeCount());
        assertEquals(StatusFrame.RANGES_OFFSET, length);
    }

    @Test
    void shouldRejectRangesLongerThanDatagram()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final int length = writeWithRanges(buffer, 2);
        Frames.seal(buffer, length - 1, crc);

        assertEquals(FrameType.STATUS, Frames.verify(buffer, length - 1, crc));
        assertFalse(new StatusFrame().wrap(buffer).isComplete(length - 1));
        assertFalse(new StatusFrame().wrap(buffer).isComplete(StatusFrame.RANGES_OFFSET - 1));
    }

    @Test
    void shouldRejectMoreThanMaxRanges()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.length(StatusFrame.MAX_RANGES + 1));
        writeWithRanges(buffer, 0);
        buffer.put(StatusFrame.RANGE_COUNT_OFFSET, (byte)(StatusFrame.MAX_RANGES + 1));

        assertFalse(new StatusFrame().wrap(buffer).isComplete(buffer.capacity()));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH);
        final int length = writeWithRanges(buffer, 2);

        Frames.assertEveryBitFlipRejected(buffer, length, FrameType.STATUS);
        assertNull(Frames.verify(buffer, length - 1, crc));
    }

    private static StatusFrame failed(final ByteBuffer buffer)
    {
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer).writeHeader(FrameType.STATUS, SESSION);
        frame.write(3, StatusFrame.FLAG_FAILED, 7L, 10L, 20L, 0, 0);
        return frame;
    }

    @Test
    void shouldCarryFailedReasonInPlaceOfRanges()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final int length = failed(buffer).writeReason("exec: exit status 1");

        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(length), "a sender that knows no reason still reads a frame with no ranges");
        assertEquals(0, frame.rangeCount());
        assertEquals("exec: exit status 1", frame.reason(length));
    }

    @Test
    void shouldReadNoReasonFromFailedStatusWithoutOne()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        failed(buffer);
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertEquals("", frame.reason(StatusFrame.length(0)));
    }

    @Test
    void shouldIgnoreReasonLongerThanFrame()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final int length = failed(buffer).writeReason("exec: exit status 1");
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertEquals("", frame.reason(length - 1));
    }

    @Test
    void shouldTruncateLongReasonAtCharacterBoundary()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(StatusFrame.MAX_LENGTH);
        final String reason = "\u00e9".repeat(150); // 300 bytes in UTF-8
        final int length = failed(buffer).writeReason(reason);
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertEquals("\u00e9".repeat(100), frame.reason(length));
    }
}
