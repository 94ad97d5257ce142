package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataFrameTest
{
    private static final int SESSION = 0x01020304;
    private static final int PACKET_SIZE = 576;
    private static final byte[] PAYLOAD = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = DataFrame.PAYLOAD_OFFSET + PAYLOAD.length;

    private final CRC32 crc = new CRC32();

    private ByteBuffer sealed(final BufferKind kind, final long sequence)
    {
        final ByteBuffer buffer = kind.allocate(PACKET_SIZE);
        final DataFrame frame = new DataFrame();
        frame.wrap(buffer).writeHeader(FrameType.DATA, SESSION);
        frame.sequence(sequence);
        buffer.put(DataFrame.PAYLOAD_OFFSET, PAYLOAD);
        Frames.seal(buffer, LENGTH, crc);
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripSequenceAndPayload(final BufferKind kind)
    {
        final ByteBuffer buffer = sealed(kind, 0x1_0000_0001L);

        assertEquals(FrameType.DATA, Frames.verify(buffer, LENGTH, crc));
        final DataFrame frame = new DataFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(LENGTH));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(0x1_0000_0001L, frame.sequence());
        assertEquals(PAYLOAD.length, DataFrame.payloadLength(LENGTH));
        final byte[] payload = new byte[DataFrame.payloadLength(LENGTH)];
        buffer.get(DataFrame.PAYLOAD_OFFSET, payload);
        assertArrayEquals(PAYLOAD, payload);
    }

    @Test
    void shouldFillPacketSizeExactlyWithFullPayload()
    {
        assertEquals(PACKET_SIZE, DataFrame.PAYLOAD_OFFSET + DataFrame.payloadCapacity(PACKET_SIZE));
    }

    @Test
    void shouldRejectFrameWithoutPayload()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(PACKET_SIZE);
        new DataFrame().wrap(buffer).writeHeader(FrameType.DATA, SESSION);
        Frames.seal(buffer, DataFrame.PAYLOAD_OFFSET, crc);

        assertFalse(new DataFrame().wrap(buffer).isComplete(DataFrame.PAYLOAD_OFFSET));
        assertFalse(new DataFrame().wrap(buffer).isComplete(DataFrame.SEQUENCE_OFFSET + 4));
    }

    @Test
    void shouldRejectTruncatedFrame()
    {
        assertNull(Frames.verify(sealed(BufferKind.HEAP, 7), LENGTH - 1, crc));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealed(BufferKind.DIRECT, 7), LENGTH, FrameType.DATA);
    }
}
