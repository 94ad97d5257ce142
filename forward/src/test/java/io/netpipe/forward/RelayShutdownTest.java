package io.netpipe.forward;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping: no new clients, open pairs finish within the grace period, the rest are cut. */
class RelayShutdownTest
{
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldLetAnOpenPairFinishWithinTheGracePeriod() throws Exception
    {
        final byte[] answer = "answer".getBytes(US_ASCII);
        try (TestBackend backend = TestBackend.answerAfterEof(0, answer);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            Streams.writeAll(client, "first half ".getBytes(US_ASCII));
            Streams.await(() -> 1 == backend.accepted(), Duration.ofSeconds(5), "pair connected");
            final CompletableFuture<Integer> cut = shutdownInBackground(relay, TimeUnit.SECONDS.toNanos(5));
            awaitRefused(relay.localAddress());
            Streams.writeAll(client, "second half".getBytes(US_ASCII));
            client.shutdownOutput();
            assertArrayEquals(answer, Streams.readAll(client));
            assertEquals(0, cut.get(), "drained within the grace period");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCutPairsStillOpenWhenTheGracePeriodEnds() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), listener);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            Streams.await(() -> 1 == backend.accepted(), Duration.ofSeconds(5), "pair connected");
            assertEquals(1, relay.shutdown(TimeUnit.MILLISECONDS.toNanos(100)), "one pair cut");
            assertEquals(0, relay.openConnections());
            assertEquals(1, listener.reports.size(), "reported before shutdown returned");
            assertEquals("shutdown: grace period over", listener.reports.getFirst().failure());
            assertEquals(0, Streams.readUntilReset(client).length, "reset, not a clean EOF");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldFailToStartWhenThePortIsTaken() throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay first = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE))
        {
            final RelayConfig same = RelayConfig.of(first.localAddress(), backend.address());
            assertThrows(BindException.class, () -> Relay.start(same, RelayListener.NONE));
        }
    }

    private static CompletableFuture<Integer> shutdownInBackground(final Relay relay, final long graceNs)
    {
        final CompletableFuture<Integer> drained = new CompletableFuture<>();
        Thread.ofVirtual().start(() ->
        {
            try
            {
                drained.complete(relay.shutdown(graceNs));
            }
            catch (final InterruptedException ex)
            {
                drained.completeExceptionally(ex);
            }
        });
        return drained;
    }

    private static void awaitRefused(final InetSocketAddress address) throws InterruptedException
    {
        Streams.await(() ->
        {
            try
            {
                SocketChannel.open(address).close();
                return false;
            }
            catch (final ConnectException ex)
            {
                return true;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }, Duration.ofSeconds(5), "the listener to close");
    }
}
