package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.fec.CauchyCode;

/** PARITY frames as the byte-table definition of the code gives them, also for later indexes of a kept block. */
class ParityEncoderTest
{
    private static final int K = ParityFrame.BLOCK_PACKETS;
    private static final int PACKET_SIZE = 1500;
    private static final InetSocketAddress DEST = new InetSocketAddress("127.255.255.255", 9000);
    private static final int PACKETS = K + 10;

    private final SendConfig config = new SendConfig(1, PACKET_SIZE, 1, 1, 0, 1_000_000_000L, 0, 4096, DEST, DEST,
        null);
    private final int capacity = config.geometry().payloadCapacity();
    private final RetransmitWindow window = new RetransmitWindow(4096);
    private final byte[][] payloads = new byte[PACKETS][];
    private final ParityEncoder encoder = new ParityEncoder(config, SessionSealing.unkeyed().newSealer());

    ParityEncoderTest()
    {
        final Random random = new Random(9);
        for (int seq = 0; seq < PACKETS; seq++)
        {
            // The stream's last payload is short: the code pads it with zeros.
            payloads[seq] = new byte[seq == PACKETS - 1 ? 333 : capacity];
            random.nextBytes(payloads[seq]);
            final ByteBuffer frame = ByteBuffer.allocateDirect(PACKET_SIZE);
            frame.put(DataFrame.PAYLOAD_OFFSET, payloads[seq]).limit(DataFrame.PAYLOAD_OFFSET + payloads[seq].length);
            window.add(frame, 0);
        }
    }

    @Test
    void shouldEncodeEveryIndexOfABlockAsTheReferenceDoes()
    {
        for (final int index : new int[] {0, 1, 2, 127})
        {
            assertParity(0, K, index);
        }
        assertParity(1, 10, 0);
        assertParity(1, 10, 5);
        // Back to the first block: packed again from its frames.
        assertParity(0, K, 3);
    }

    private void assertParity(final long block, final int count, final int index)
    {
        final byte[] expected = new byte[capacity];
        for (int i = 0; i < count; i++)
        {
            final byte[] payload = payloads[(int)(block * K + i)];
            CauchyCode.addToParity(index, i, payload, 0, payload.length, expected);
        }
        final ByteBuffer out = encoder.encode(window, block, count, index);
        assertEquals(encoder.frameLength(), ParityFrame.PARITY_OFFSET + capacity);
        final ParityFrame frame = new ParityFrame();
        frame.wrap(out);
        assertEquals(index, frame.index());
        assertEquals(count, frame.count());
        assertEquals(payloads[(int)(block * K + count - 1)].length, frame.lastLength());
        final byte[] actual = new byte[capacity];
        out.get(ParityFrame.PARITY_OFFSET, actual);
        assertArrayEquals(expected, actual, "block " + block + ", index " + index);
    }
}
