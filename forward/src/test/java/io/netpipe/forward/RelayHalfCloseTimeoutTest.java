package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 2: a client that gives up on a black-hole backend (accepts, never answers, never closes) must
 * not leave its pair, two descriptors and a connection slot, open forever.
 */
class RelayHalfCloseTimeoutTest
{
    private static final long HALF_CLOSE_NS = TimeUnit.MILLISECONDS.toNanos(300);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldFreeAPairWhoseClientLeftABackendThatNeverAnswers() throws Exception
    {
        final CountDownLatch never = new CountDownLatch(1);
        final RecordingListener listener = new RecordingListener();
        try (TestBackend blackHole = TestBackend.start(0, channel ->
            {
                Streams.readAll(channel);
                awaitQuietly(never);
            });
            Relay relay = Relay.start(RelayThroughputTest.config(blackHole).withMaxConnections(1)
                .withHalfCloseTimeoutNs(HALF_CLOSE_NS), listener))
        {
            try (SocketChannel client = SocketChannel.open(relay.localAddress()))
            {
                client.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                Streams.await(() -> 1 == blackHole.accepted(), Duration.ofSeconds(5), "backend connected");
            }
            // The client closed; the backend stays silent: the pair goes after the half-close timeout.
            Streams.await(() -> 0 == relay.openConnections(), Duration.ofSeconds(5), "pair freed");
            assertEquals("half-close timeout", listener.reports.getFirst().failure());
            never.countDown();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldKeepAHalfClosedPairWhileTheBackendKeepsAnswering() throws Exception
    {
        final long halfCloseNs = TimeUnit.MILLISECONDS.toNanos(600);
        final byte[] answer = Streams.payload(2, 15 * 20_000);
        try (TestBackend slow = TestBackend.start(0, channel ->
            {
                Streams.readAll(channel);
                // The answer in pieces 100 ms apart: longer in all than the half-close timeout, never silent for long.
                for (int i = 0; i < 15; i++)
                {
                    Streams.writeAll(channel, java.util.Arrays.copyOfRange(answer, i * 20_000, (i + 1) * 20_000));
                    sleepQuietly(100);
                }
            });
            Relay relay = Relay.start(RelayThroughputTest.config(slow).withHalfCloseTimeoutNs(halfCloseNs),
                RelayListener.NONE))
        {
            assertArrayEquals(answer, Streams.exchange(relay.localAddress(), new byte[] {1, 2, 3}));
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
