package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 3: a reset is passed on as a reset, both ways. An EOF-delimited answer cut by a resetting
 * backend must not reach the client as a clean EOF, or the client takes a truncated answer for a complete one.
 */
class RelayResetTest
{
    private static final byte[] PARTIAL = Streams.payload(12, 50_000);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldPassABackendResetOnToTheClient() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (TestBackend backend = TestBackend.start(0, channel ->
            {
                // Only once the relay relays (the client's first byte came through it): a reset before the relay
                // has confirmed its connect fails that connect, and nothing is relayed at all.
                channel.read(ByteBuffer.allocate(1));
                Streams.writeAll(channel, PARTIAL);
                reset(channel);
            });
            Relay relay = Relay.start(RelayThroughputTest.config(backend), listener);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            client.write(ByteBuffer.wrap(new byte[] {1}));
            assertArrayEquals(PARTIAL, Streams.readUntilReset(client), "the bytes before the reset, then a reset");
            Streams.await(() -> 1 == listener.reports.size(), Duration.ofSeconds(5), "report");
            assertEquals("backend: connection reset", listener.reports.getFirst().failure());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldPassAClientResetOnToTheBackend() throws Exception
    {
        final CompletableFuture<Void> backendHasAll = new CompletableFuture<>();
        final CompletableFuture<byte[]> afterwards = new CompletableFuture<>();
        try (TestBackend backend = TestBackend.start(0, channel ->
            {
                try
                {
                    final ByteBuffer request = ByteBuffer.allocate(PARTIAL.length);
                    while (request.hasRemaining() && channel.read(request) >= 0)
                    {
                        // reading the whole request
                    }
                    backendHasAll.complete(null);
                    afterwards.complete(Streams.readUntilReset(channel));
                }
                catch (final IOException | AssertionError ex)
                {
                    afterwards.completeExceptionally(ex);
                }
            });
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE))
        {
            final SocketChannel client = SocketChannel.open(relay.localAddress());
            Streams.writeAll(client, PARTIAL);
            // Only once the backend has every byte: a reset discards whatever the relay has not read yet.
            backendHasAll.get(5, TimeUnit.SECONDS);
            reset(client);
            assertEquals(0, afterwards.get(5, TimeUnit.SECONDS).length, "a reset, not a clean EOF");
        }
    }

    private static void reset(final SocketChannel channel) throws IOException
    {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        channel.close();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldResetBothSidesOfAPairCutByTheIdleTimeout() throws Exception
    {
        final CompletableFuture<Boolean> backendReset = new CompletableFuture<>();
        try (TestBackend backend = TestBackend.start(0, channel ->
            {
                try
                {
                    Streams.readUntilReset(channel);
                    backendReset.complete(true);
                }
                catch (final IOException | AssertionError ex)
                {
                    backendReset.completeExceptionally(ex);
                }
            });
            Relay relay = Relay.start(RelayThroughputTest.config(backend)
                .withIdleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)), RelayListener.NONE);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            client.write(ByteBuffer.wrap(new byte[] {1}));
            assertEquals(0, Streams.readUntilReset(client).length);
            assertTrue(backendReset.get(5, TimeUnit.SECONDS));
        }
    }
}
