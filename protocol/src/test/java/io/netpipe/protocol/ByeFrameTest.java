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

class ByeFrameTest
{
    private static final int SESSION = 99;
    private final CRC32 crc = new CRC32();

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripReasonReceiverAndText(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_DROPPED, 17, "dropped: silent for 5 s — ü");
        Frames.seal(buffer, length, crc);

        assertEquals(FrameType.BYE, Frames.verify(buffer, length, crc));
        final ByeFrame read = new ByeFrame();
        read.wrap(buffer);
        assertTrue(read.isComplete(length));
        assertEquals(ByeFrame.REASON_DROPPED, read.reason());
        assertEquals(17, read.receiverId());
        assertEquals("dropped: silent for 5 s — ü", read.text());
    }

    @Test
    void shouldRoundTripAllReceivers()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "");
        Frames.seal(buffer, length, crc);

        assertEquals(ByeFrame.TEXT_OFFSET, length);
        final ByeFrame read = new ByeFrame();
        read.wrap(buffer);
        assertEquals(ByeFrame.ALL_RECEIVERS, read.receiverId());
        assertEquals("", read.text());
    }

    @Test
    void shouldTruncateLongTextToMaxLength()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_ABORTED, 0, "x".repeat(1000));

        assertEquals(ByeFrame.TEXT_OFFSET + ByeFrame.MAX_TEXT_LENGTH, length);
        assertEquals("x".repeat(ByeFrame.MAX_TEXT_LENGTH), frame.text());
    }

    @Test
    void shouldRejectTextLongerThanDatagram()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_ABORTED, 0, "input failed");
        Frames.seal(buffer, length - 1, crc);

        assertEquals(FrameType.BYE, Frames.verify(buffer, length - 1, crc));
        assertFalse(new ByeFrame().wrap(buffer).isComplete(length - 1));
        assertFalse(new ByeFrame().wrap(buffer).isComplete(ByeFrame.TEXT_OFFSET - 1));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_ABORTED, 3, "bye");
        Frames.seal(buffer, length, crc);

        Frames.assertEveryBitFlipRejected(buffer, length, FrameType.BYE);
        assertNull(Frames.verify(buffer, length - 1, crc));
    }
}
