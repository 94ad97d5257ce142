package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParityFrameTest
{
    private static final int SESSION = 0x0A0B0C0D;
    private static final int PACKET_SIZE = 576;
    private static final int CAPACITY = DataFrame.payloadCapacity(PACKET_SIZE);
    private static final int OFFSET = 100;

    private final CRC32 crc = new CRC32();

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripFieldsAtAnOffset(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(OFFSET + PACKET_SIZE);
        final ParityFrame frame = new ParityFrame();
        frame.wrap(buffer, OFFSET).writeHeader(FrameType.PARITY, SESSION);
        frame.fields(0x1_2345_6789L, 127, 128, CAPACITY);
        final ParityFrame read = new ParityFrame();
        read.wrap(buffer, OFFSET);

        assertEquals(FrameType.PARITY, FrameType.get(read.typeCode()));
        assertEquals(0x2345_6789, read.blockLow32());
        assertEquals(127, read.index());
        assertEquals(128, read.count());
        assertEquals(CAPACITY, read.lastLength());
        assertTrue(read.isComplete(PACKET_SIZE));
        assertTrue(read.isValid(PACKET_SIZE, CAPACITY));
    }

    @Test
    void shouldBeExactlyAsLongAsAFullDataFrame()
    {
        assertEquals(DataFrame.PAYLOAD_OFFSET, ParityFrame.PARITY_OFFSET);
    }

    @Test
    void shouldRejectEveryBitFlipUnderItsCrc()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(PACKET_SIZE);
        final ParityFrame frame = new ParityFrame();
        frame.wrap(buffer).writeHeader(FrameType.PARITY, SESSION);
        frame.fields(3, 1, 5, 17);
        Frames.seal(buffer, PACKET_SIZE, crc);
        assertEquals(FrameType.PARITY, Frames.verify(buffer, PACKET_SIZE, crc));
        Frames.assertEveryBitFlipRejected(buffer, PACKET_SIZE, FrameType.PARITY);
    }

    @Test
    void shouldFindImpossibleFieldsInvalidWithoutThrowing()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(PACKET_SIZE);
        final ParityFrame frame = new ParityFrame();
        frame.wrap(buffer).writeHeader(FrameType.PARITY, SESSION);
        assertFalse(frame.fields(0, 128, 10, 10).isValid(PACKET_SIZE, CAPACITY), "index 128");
        assertFalse(frame.fields(0, 0, 0, 10).isValid(PACKET_SIZE, CAPACITY), "count 0");
        assertFalse(frame.fields(0, 0, 129, 10).isValid(PACKET_SIZE, CAPACITY), "count 129");
        assertFalse(frame.fields(0, 0, 10, 0).isValid(PACKET_SIZE, CAPACITY), "last length 0");
        assertFalse(frame.fields(0, 0, 10, CAPACITY + 1).isValid(PACKET_SIZE, CAPACITY), "last length too long");
        assertFalse(frame.fields(0, 0, 10, 10).isValid(PACKET_SIZE - 1, CAPACITY), "short parity");
        assertFalse(frame.isComplete(ParityFrame.PARITY_OFFSET));
        // Garbage fields: never an exception, whatever they say.
        final Random random = new Random(8);
        for (int i = 0; i < 1000; i++)
        {
            final byte[] garbage = new byte[random.nextInt(PACKET_SIZE)];
            random.nextBytes(garbage);
            final ParityFrame g = new ParityFrame();
            g.wrap(ByteBuffer.wrap(garbage));
            if (g.isComplete(garbage.length))
            {
                g.isValid(garbage.length, CAPACITY);
                ParityFrame.extendBlock(g.blockLow32(), random.nextLong(1L << 40));
            }
        }
    }

    @Test
    void shouldExtendTheBlockNumberToTheNearestBlock()
    {
        assertEquals(5, ParityFrame.extendBlock(5, 3));
        assertEquals((1L << 32) + 2, ParityFrame.extendBlock(2, (1L << 32) - 3));
        assertEquals((1L << 32) - 1, ParityFrame.extendBlock(-1, (1L << 32) + 1));
        assertEquals(0, ParityFrame.extendBlock(0, 0));
    }
}
