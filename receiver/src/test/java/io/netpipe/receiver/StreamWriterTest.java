package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;

@Timeout(5)
class StreamWriterTest
{
    private static final int RING = 16;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final ByteBuffer ring = ByteBuffer.allocateDirect(RING);
    private final byte[] stream = new byte[40];
    private long available;

    private StreamWriterTest()
    {
        new Random(3).nextBytes(stream);
        writer.ring(ring);
    }

    /** The network thread's part: copies stream bytes into the ring and publishes them. */
    private void arrive(final int bytes)
    {
        for (int i = 0; i < bytes; i++, available++)
        {
            ring.put((int)(available % RING), stream[(int)available]);
        }
        writer.publishAvailable(available);
    }

    private void drain()
    {
        for (int i = 0; i < 100 && writer.doWork() > 0; i++)
        {
            // Each call writes up to the ring's end.
        }
    }

    @Test
    void shouldWriteAcrossRingEndInOrder()
    {
        for (final int chunk : new int[] {10, 6, 12, 4, 8})
        {
            arrive(chunk);
            drain();
        }

        assertArrayEquals(stream, out.toByteArray());
        assertEquals(40, writer.writtenBytes());
    }

    @Test
    void shouldConfirmDigestOnlyAfterLastByte()
    {
        writer.publishEnd(stream.length, FakeSender.sha256(stream));
        arrive(16);
        drain();
        assertNull(writer.digestMatched());
        arrive(16);
        drain();
        arrive(8);
        drain();

        assertEquals(Boolean.TRUE, writer.digestMatched());
        assertTrue(writer.isDone());
    }

    @Test
    void shouldReportDigestMismatch()
    {
        final byte[] wrong = FakeSender.sha256(Arrays.copyOf(stream, 39));
        writer.publishEnd(stream.length, wrong);
        for (int i = 0; i < 3; i++)
        {
            arrive(Math.min(16, stream.length - (int)available));
            drain();
        }

        assertEquals(Boolean.FALSE, writer.digestMatched());
    }

    @Test
    void shouldHoldATailTooSmallForAWriteOfItsOwn()
    {
        arrive(3);

        assertEquals(0, writer.doWork());
        assertEquals(0, out.size());
    }

    @Test
    void shouldWriteTheTailOnceEnoughHasGathered()
    {
        arrive(3);
        writer.doWork();
        arrive(1);
        drain();

        assertEquals(4, out.size());
    }

    @Test
    void shouldWriteAHeldTailAfterTwoMilliseconds()
    {
        arrive(3);
        writer.doWork();
        clock.advanceNs(1_999_999L);
        assertEquals(0, writer.doWork(), "written before the hold expired");
        clock.advanceNs(1L);

        drain();

        assertEquals(3, out.size());
    }

    @Test
    void shouldWriteTheStreamsLastBytesAtOnce()
    {
        writer.publishEnd(35, FakeSender.sha256(Arrays.copyOf(stream, 35)));
        arrive(16);
        drain();
        arrive(16);
        drain();
        arrive(3);

        drain();

        assertEquals(35, out.size());
        assertEquals(Boolean.TRUE, writer.digestMatched());
    }

    @Test
    void shouldWakeTheWriterOnlyForAWriteOfItsOwnOrTheEnd()
    {
        arrive(3);
        assertFalse(writer.wakeWanted(), "woken for a tail too small for a write of its own");
        arrive(1);
        assertTrue(writer.wakeWanted(), "not woken for a quarter of the ring");
        assertFalse(writer.wakeWanted(), "woken twice for the same bytes");
        arrive(3);
        assertFalse(writer.wakeWanted(), "woken for a tail again");

        writer.publishEnd(7, FakeSender.sha256(Arrays.copyOf(stream, 7)));

        assertTrue(writer.wakeWanted(), "not woken for the end");
        assertFalse(writer.wakeWanted(), "woken twice for the end");
    }

    @Test
    void shouldWakeTheWriterForTheStreamsLastBytes()
    {
        writer.publishEnd(5, FakeSender.sha256(Arrays.copyOf(stream, 5)));
        assertTrue(writer.wakeWanted(), "not woken for the end");
        arrive(3);
        assertFalse(writer.wakeWanted(), "woken for a tail too small for a write of its own");

        arrive(2);

        assertTrue(writer.wakeWanted(), "not woken for the stream's last bytes");
    }

    @Test
    void shouldWakeTheWriterWhenStopped()
    {
        writer.stop();

        assertTrue(writer.wakeWanted());
    }

    @Test
    void shouldStopWritingWhenStopped()
    {
        arrive(8);
        writer.stop();

        assertEquals(0, writer.doWork());
        assertTrue(writer.isDone());
        assertEquals(0, out.size());
    }

    @Test
    void shouldDoNothingBeforeRingIsHandedOver()
    {
        final StreamWriter idle = new StreamWriter(Channels.newChannel(out));

        assertEquals(0, idle.doWork());
        assertFalse(idle.isDone());
    }

    /** A command's stdin: collects the stream, then reports the exit its test chose. */
    private static final class FakeCommand implements FinishingOutput
    {
        final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        final String failure;
        int finishes;

        FakeCommand(final String failure)
        {
            this.failure = failure;
        }

        @Override
        public int write(final ByteBuffer src)
        {
            final int n = src.remaining();
            final byte[] bytes = new byte[n];
            src.get(bytes);
            stdin.writeBytes(bytes);
            return n;
        }

        @Override
        public void finish() throws java.io.IOException
        {
            finishes++;
            if (null != failure)
            {
                throw new java.io.IOException(failure);
            }
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
    }

    private static StreamWriter writerOver(final FakeCommand command, final ByteBuffer ring, final byte[] stream)
    {
        final StreamWriter w = new StreamWriter(command, new ManualClock(0));
        w.ring(ring);
        for (int i = 0; i < stream.length; i++)
        {
            ring.put(i, stream[i]);
        }
        w.publishEnd(stream.length, FakeSender.sha256(stream));
        w.publishAvailable(stream.length);
        for (int i = 0; i < 10 && !w.isDone(); i++)
        {
            w.doWork();
        }
        return w;
    }

    @Test
    void shouldConfirmOnlyOnceTheOutputFinishedWell()
    {
        final FakeCommand command = new FakeCommand(null);

        final StreamWriter w = writerOver(command, ByteBuffer.allocate(64), Arrays.copyOf(stream, 12));

        assertEquals(1, command.finishes);
        assertEquals(Boolean.TRUE, w.digestMatched());
        assertArrayEquals(Arrays.copyOf(stream, 12), command.stdin.toByteArray());
    }

    @Test
    void shouldFailWithTheOutputsReasonWhenItFinishesBadly()
    {
        final FakeCommand command = new FakeCommand("exec: exit status 1");

        final StreamWriter w = writerOver(command, ByteBuffer.allocate(64), Arrays.copyOf(stream, 12));

        assertNull(w.digestMatched(), "a failed output is never confirmed");
        assertEquals("exec: exit status 1", w.failure().getMessage());
        assertTrue(w.isDone());
    }
}
