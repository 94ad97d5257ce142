package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameHeaderTest
{
    private static final int SESSION = 0xCAFEBABE;
    private static final int LENGTH = HeartbeatFrame.LENGTH;

    private final CRC32 crc = new CRC32();

    private ByteBuffer sealedHeartbeat(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(64);
        new HeartbeatFrame().wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        Frames.seal(buffer, LENGTH, crc);
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldReadBackCommonHeader(final BufferKind kind)
    {
        final FrameHeader header = new FrameHeader().wrap(sealedHeartbeat(kind));

        assertEquals(FrameHeader.MAGIC, header.magic());
        assertEquals(FrameHeader.VERSION, header.version());
        assertEquals(FrameType.HEARTBEAT.code(), header.typeCode());
        assertEquals(SESSION, header.sessionId());
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldLeaveSealedFrameReadyToSend(final BufferKind kind)
    {
        final ByteBuffer buffer = sealedHeartbeat(kind);

        assertEquals(0, buffer.position());
        assertEquals(LENGTH, buffer.limit());
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldVerifySealedFrame(final BufferKind kind)
    {
        assertEquals(FrameType.HEARTBEAT, Frames.verify(sealedHeartbeat(kind), LENGTH, crc));
    }

    @Test
    void shouldComputeSameCrcOverHeapAndDirectBuffers()
    {
        assertEquals(new FrameHeader().wrap(sealedHeartbeat(BufferKind.HEAP)).crc(),
            new FrameHeader().wrap(sealedHeartbeat(BufferKind.DIRECT)).crc());
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealedHeartbeat(BufferKind.HEAP), LENGTH, FrameType.HEARTBEAT);
    }

    @Test
    void shouldRejectUnknownMagicEvenWithValidCrc()
    {
        final ByteBuffer buffer = sealedHeartbeat(BufferKind.HEAP);
        buffer.putShort(FrameHeader.MAGIC_OFFSET, (short)0x4E51);
        Frames.seal(buffer, LENGTH, crc);

        assertNull(Frames.verify(buffer, LENGTH, crc));
    }

    @Test
    void shouldRejectUnknownVersionEvenWithValidCrc()
    {
        final ByteBuffer buffer = sealedHeartbeat(BufferKind.HEAP);
        buffer.put(FrameHeader.VERSION_OFFSET, (byte)(FrameHeader.VERSION + 1));
        Frames.seal(buffer, LENGTH, crc);

        assertNull(Frames.verify(buffer, LENGTH, crc));
    }

    @Test
    void shouldRejectUnknownFrameTypeEvenWithValidCrc()
    {
        for (final int code : new int[] {0, 9, 0x7F, 0xFF})
        {
            final ByteBuffer buffer = sealedHeartbeat(BufferKind.HEAP);
            buffer.put(FrameHeader.TYPE_OFFSET, (byte)code);
            Frames.seal(buffer, LENGTH, crc);

            assertNull(Frames.verify(buffer, LENGTH, crc), "type code " + code);
        }
    }

    @Test
    void shouldRejectDatagramShorterThanHeader()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(FrameHeader.HEADER_LENGTH);
        new FrameHeader().wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        Frames.seal(buffer, FrameHeader.HEADER_LENGTH, crc);

        assertNull(Frames.verify(buffer, FrameHeader.HEADER_LENGTH - 1, crc));
        assertNull(Frames.verify(buffer, 0, crc));
    }

    @Test
    void shouldRejectTruncatedDatagram()
    {
        assertNull(Frames.verify(sealedHeartbeat(BufferKind.HEAP), LENGTH - 1, crc));
    }

    @Test
    void shouldRejectDatagramWithTrailingBytes()
    {
        final ByteBuffer buffer = sealedHeartbeat(BufferKind.HEAP);
        buffer.limit(LENGTH + 1);

        assertNull(Frames.verify(buffer, LENGTH + 1, crc));
    }
}
