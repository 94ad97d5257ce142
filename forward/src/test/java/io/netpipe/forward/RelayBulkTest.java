package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Directions that carry bulk data move to platform threads when one is free, and stay correct either way. */
class RelayBulkTest
{
    private static final int STREAM_BYTES = 4 << 20;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldMoveBulkDirectionsToPlatformThreads() throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE))
        {
            final byte[] request = Streams.payload(11, STREAM_BYTES);
            assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
            assertEquals(2, relay.bulkPromotions(), "both directions");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldWakeAndCutBulkDirectionsBlockedInRead() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        final long idleNs = TimeUnit.SECONDS.toNanos(1);
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withIdleTimeoutNs(idleNs), listener);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            final byte[] request = Streams.payload(13, STREAM_BYTES);
            final Thread writer = Thread.ofVirtual().start(() ->
            {
                try
                {
                    Streams.writeAll(client, request);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
            final ByteBuffer echo = ByteBuffer.allocate(STREAM_BYTES);
            while (echo.hasRemaining())
            {
                assertTrue(client.read(echo) >= 0, "EOF before the whole echo");
            }
            writer.join();
            assertArrayEquals(request, echo.array());
            assertEquals(2, relay.bulkPromotions(), "both directions on platform threads, now idle in read");
            Streams.readUntilReset(client);
            Streams.await(() -> 1 == listener.reports.size(), Duration.ofSeconds(5), "report");
            assertEquals("idle timeout", listener.reports.getFirst().failure());
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldKeepSmallExchangesOnVirtualThreads() throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE))
        {
            final byte[] request = Streams.payload(12, (int)Direction.PROMOTE_AFTER_BYTES - 1);
            assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
            assertEquals(0, relay.bulkPromotions());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRelayEveryByteWhenBulkThreadsRunOut() throws Exception
    {
        assertConcurrentStreamsIntact(1, 1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRelayEveryByteWithoutBulkThreads() throws Exception
    {
        assertConcurrentStreamsIntact(0, 0);
    }

    private static void assertConcurrentStreamsIntact(final int bulkThreads, final int minPromotions)
        throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withBulkThreads(bulkThreads),
                RelayListener.NONE);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor())
        {
            final List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                final int seed = 100 + i;
                results.add(clients.submit(() ->
                {
                    final byte[] request = Streams.payload(seed, STREAM_BYTES);
                    assertArrayEquals(request, Streams.exchange(relay.localAddress(), request), "seed " + seed);
                    return null;
                }));
            }
            for (final Future<?> result : results)
            {
                result.get();
            }
            assertTrue(relay.bulkPromotions() >= minPromotions, relay.bulkPromotions() + " promotions");
            if (0 == bulkThreads)
            {
                assertEquals(0, relay.bulkPromotions());
            }
        }
    }
}
