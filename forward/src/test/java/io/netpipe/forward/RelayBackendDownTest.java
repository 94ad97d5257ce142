package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Must-hold 3: a backend that is down closes its clients promptly, and the relay serves again when it is back. */
class RelayBackendDownTest
{
    private static final long PROMPT_NS = TimeUnit.SECONDS.toNanos(2);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCloseClientPromptlyWhenBackendIsDown() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (Relay relay = Relay.start(config(TestBackend.downPort()), listener))
        {
            assertClosedPromptly(relay.localAddress());
            Streams.await(() -> 1 == listener.connectFailures.size(), Duration.ofSeconds(5), "connect failure");
            assertEquals(List.of("connection refused"), listener.connectFailures);
            Streams.await(() -> 0 == relay.openConnections(), Duration.ofSeconds(5), "no open pairs");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldServeAgainWhenBackendIsBack() throws Exception
    {
        final int backendPort = TestBackend.downPort();
        try (Relay relay = Relay.start(config(backendPort), RelayListener.NONE))
        {
            for (int i = 0; i < 20; i++)
            {
                assertClosedPromptly(relay.localAddress());
            }
            try (TestBackend backend = TestBackend.echo(backendPort))
            {
                final byte[] request = Streams.payload(3, 100_000);
                assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
                assertEquals(1, backend.accepted());
            }
            assertEquals(21, relay.acceptedConnections());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCloseClientWhenBackendConnectTimesOut() throws Exception
    {
        // A listener that never accepts, with a backlog of 0, stops completing handshakes once full: SYNs go
        // unanswered. Fill it with our own connections first.
        final RecordingListener listener = new RecordingListener();
        try (java.nio.channels.ServerSocketChannel stuck = java.nio.channels.ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1))
        {
            final InetSocketAddress stuckAddress = (InetSocketAddress)stuck.getLocalAddress();
            final List<SocketChannel> fillers = fillBacklog(stuckAddress);
            try (Relay relay = Relay.start(config(stuckAddress.getPort())
                .withConnectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)), listener))
            {
                assertClosedPromptly(relay.localAddress());
                Streams.await(() -> 1 == listener.connectFailures.size(), Duration.ofSeconds(5), "connect failure");
                assertEquals(List.of("connect timed out"), listener.connectFailures);
            }
            finally
            {
                for (final SocketChannel filler : fillers)
                {
                    filler.close();
                }
            }
        }
    }

    private static List<SocketChannel> fillBacklog(final InetSocketAddress address) throws IOException
    {
        final List<SocketChannel> fillers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++)
        {
            final SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(address);
            fillers.add(channel);
        }
        return fillers;
    }

    private static void assertClosedPromptly(final InetSocketAddress relay) throws IOException
    {
        final long startNs = System.nanoTime();
        try (SocketChannel client = SocketChannel.open(relay))
        {
            final int n = client.read(ByteBuffer.allocate(1));
            assertEquals(-1, n, "EOF from the relay");
        }
        catch (final IOException ex)
        {
            // A reset is as good as an EOF: the client knows at once.
            assertTrue(ex.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset"), ex.toString());
        }
        final long elapsedNs = System.nanoTime() - startNs;
        assertTrue(elapsedNs < PROMPT_NS, "closed after " + elapsedNs / 1_000_000 + " ms");
    }

    private static RelayConfig config(final int backendPort)
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        return RelayConfig.of(new InetSocketAddress(loopback, 0), new InetSocketAddress(loopback, backendPort));
    }
}
