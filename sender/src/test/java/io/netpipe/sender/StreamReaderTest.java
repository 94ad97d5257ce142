package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;

@Timeout(5)
class StreamReaderTest
{
    private static final int SESSION = 0x0BADF00D;
    private static final int PACKET_SIZE = 576;
    private static final int PAYLOAD = DataFrame.payloadCapacity(PACKET_SIZE);

    private final FramePool pool = new FramePool(8, PACKET_SIZE);

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private StreamReader reader(final ReadableByteChannel channel)
    {
        return new StreamReader(channel, pool, SESSION, PACKET_SIZE);
    }

    private StreamReader reader(final byte[] input)
    {
        return reader(Channels.newChannel(new ByteArrayInputStream(input)));
    }

    private static void drive(final StreamReader reader)
    {
        for (int i = 0; i < 100 && reader.doWork() > 0; i++)
        {
            // One frame per call.
        }
    }

    private List<ByteBuffer> filled()
    {
        final List<ByteBuffer> frames = new ArrayList<>();
        ByteBuffer frame;
        while (null != (frame = pool.filled().relaxedPoll()))
        {
            frames.add(frame);
        }
        return frames;
    }

    private static byte[] sha256(final byte[] bytes) throws NoSuchAlgorithmException
    {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void shouldCutInputIntoSealedDataFramesInSequence()
    {
        final byte[] input = randomBytes(2 * PAYLOAD + 100);
        drive(reader(input));

        final List<ByteBuffer> frames = filled();
        assertEquals(3, frames.size());
        final ByteBuffer rebuilt = ByteBuffer.allocate(input.length);
        final DataFrame data = new DataFrame();
        for (int i = 0; i < frames.size(); i++)
        {
            final ByteBuffer frame = frames.get(i);
            assertEquals(0, frame.position());
            assertEquals(FrameType.DATA, SessionSealing.unkeyed().newVerifier().verify(frame, 0, frame.limit()));
            data.wrap(frame);
            assertEquals(SESSION, data.sessionId());
            assertEquals(i, data.sequence());
            rebuilt.put(frame.slice(DataFrame.PAYLOAD_OFFSET, DataFrame.payloadLength(frame.limit())));
        }
        assertEquals(PACKET_SIZE, frames.get(0).limit());
        assertEquals(DataFrame.PAYLOAD_OFFSET + 100, frames.get(2).limit());
        assertArrayEquals(input, rebuilt.array());
    }

    @Test
    void shouldPublishCountsAndDigestAtEndOfInput() throws NoSuchAlgorithmException
    {
        final byte[] input = randomBytes(2 * PAYLOAD + 100);
        final StreamReader reader = reader(input);

        drive(reader);

        assertTrue(reader.isEof());
        assertTrue(reader.isDone());
        assertEquals(3, reader.packetCount());
        assertEquals(input.length, reader.byteCount());
        assertArrayEquals(sha256(input), reader.digest());
        assertNull(reader.failure());
    }

    @Test
    void shouldNotPublishEndBeforeInputEnds()
    {
        final StreamReader reader = reader(randomBytes(3 * PAYLOAD));

        reader.doWork();

        assertFalse(reader.isEof());
        assertEquals(-1, reader.packetCount());
    }

    @Test
    void shouldEndWithExactPacketCountWhenInputFillsLastFrame() throws NoSuchAlgorithmException
    {
        final byte[] input = randomBytes(2 * PAYLOAD);
        final StreamReader reader = reader(input);

        drive(reader);

        assertEquals(2, filled().size());
        assertEquals(2, reader.packetCount());
        assertArrayEquals(sha256(input), reader.digest());
    }

    @Test
    void shouldProduceNoFramesForEmptyInput() throws NoSuchAlgorithmException
    {
        final StreamReader reader = reader(new byte[0]);

        drive(reader);

        assertEquals(List.of(), filled());
        assertEquals(0, reader.packetCount());
        assertEquals(0, reader.byteCount());
        assertArrayEquals(sha256(new byte[0]), reader.digest());
    }

    @Test
    void shouldFillWholePayloadsFromShortReads()
    {
        final byte[] input = randomBytes(PAYLOAD + 10);
        final ByteArrayInputStream stream = new ByteArrayInputStream(input);
        final ReadableByteChannel trickle = new ReadableByteChannel()
        {
            @Override
            public int read(final ByteBuffer dst)
            {
                final int b = stream.read();
                if (b < 0)
                {
                    return -1;
                }
                dst.put((byte)b);
                return 1;
            }

            @Override
            public boolean isOpen()
            {
                return true;
            }

            @Override
            public void close()
            {
            }
        };
        drive(reader(trickle));

        final List<ByteBuffer> frames = filled();
        assertEquals(2, frames.size());
        assertEquals(PACKET_SIZE, frames.get(0).limit());
    }

    @Test
    void shouldWaitForFreeFrames()
    {
        final StreamReader reader = reader(randomBytes(20 * PAYLOAD));

        drive(reader);

        assertEquals(0, pool.free().size());
        assertEquals(8, pool.filled().size());
        assertEquals(0, reader.doWork());
        assertFalse(reader.isEof());

        final ByteBuffer sent = pool.filled().relaxedPoll();
        pool.free().offer(sent);
        assertEquals(1, reader.doWork());
        assertEquals(8, pool.filled().size());
    }

    @Test
    void shouldReuseReturnedFrame()
    {
        final StreamReader reader = reader(randomBytes(20 * PAYLOAD));
        drive(reader);
        final ByteBuffer first = pool.filled().relaxedPoll();

        pool.free().offer(first);
        reader.doWork();

        final DataFrame data = new DataFrame();
        ByteBuffer last = null;
        for (final ByteBuffer frame : filled())
        {
            last = frame;
        }
        assertSame(first, last);
        data.wrap(last);
        assertEquals(8, data.sequence());
    }

    @Test
    void shouldRecordReadFailureAndStop()
    {
        final ReadableByteChannel failing = new ReadableByteChannel()
        {
            @Override
            public int read(final ByteBuffer dst) throws IOException
            {
                throw new IOException("broken pipe");
            }

            @Override
            public boolean isOpen()
            {
                return true;
            }

            @Override
            public void close()
            {
            }
        };
        final StreamReader reader = reader(failing);

        reader.doWork();

        assertEquals("broken pipe", reader.failure().getMessage());
        assertTrue(reader.isDone());
        assertFalse(reader.isEof());
        assertEquals(0, reader.doWork());
    }

    @Test
    void shouldRejectFramePoolThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new FramePool(6, PACKET_SIZE));

        assertTrue(ex.getMessage().contains("power of two"), ex.getMessage());
    }
}
