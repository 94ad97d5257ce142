package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 7: a backend name is tried at every one of its addresses, in order, for each client. The
 * dual-stack case: {@code localhost} resolving to 127.0.0.1 then ::1, with the backend on ::1 only.
 */
class RelayBackendNameTest
{
    private static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress V6 = InetAddress.ofLiteral("::1");

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldReachABackendOnTheSecondAddressOfItsName() throws Exception
    {
        assumeIpv6Loopback();
        try (TestBackend backend = TestBackend.echoOn(V6, 0))
        {
            final int port = backend.address().getPort();
            assumeTrue(nothingListensOn(new InetSocketAddress(V4, port)), "127.0.0.1:" + port + " is taken");
            final RecordingListener listener = new RecordingListener();
            try (Relay relay = relayTo("dual.test", port, listener, V4, V6))
            {
                for (int i = 0; i < 3; i++)
                {
                    final byte[] request = Streams.payload(i, 10_000);
                    assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
                }
                Streams.await(() -> 3 == listener.reports.size(), Duration.ofSeconds(5), "reports");
                assertEquals(new InetSocketAddress(V6, port), listener.reports.getFirst().backend(),
                    "the report names the address that answered");
                assertEquals(List.of(), listener.connectFailures);
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldReachAnIpv4BackendWhenTheNameListsIpv6First() throws Exception
    {
        assumeIpv6Loopback();
        try (TestBackend backend = TestBackend.echoOn(V4, 0))
        {
            final int port = backend.address().getPort();
            assumeTrue(nothingListensOn(new InetSocketAddress(V6, port)), "[::1]:" + port + " is taken");
            try (Relay relay = relayTo("dual.test", port, RelayListener.NONE, V6, V4))
            {
                final byte[] request = Streams.payload(7, 10_000);
                assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldCloseTheClientWithTheLastReasonWhenNoAddressAnswers() throws Exception
    {
        final int port = TestBackend.downPort();
        final RecordingListener listener = new RecordingListener();
        try (Relay relay = relayTo("down.test", port, listener, V4, V4))
        {
            try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(relay.localAddress()))
            {
                assertEquals(-1, client.read(java.nio.ByteBuffer.allocate(1)), "closed");
            }
            Streams.await(() -> 1 == listener.connectFailures.size(), Duration.ofSeconds(5), "connect failure");
            assertEquals(List.of("connection refused"), listener.connectFailures);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRelayBetweenIpv6Addresses() throws Exception
    {
        assumeIpv6Loopback();
        try (TestBackend backend = TestBackend.echoOn(V6, 0);
            Relay relay = Relay.start(RelayConfig.of(new InetSocketAddress(V6, 0), backend.address()),
                RelayListener.NONE))
        {
            final byte[] request = Streams.payload(6, 100_000);
            assertArrayEquals(request, Streams.exchange(relay.localAddress(), request));
        }
    }

    private static Relay relayTo(final String name, final int port, final RelayListener listener,
        final InetAddress... addresses) throws IOException
    {
        final RelayConfig config = RelayConfig.of(new InetSocketAddress(V4, 0),
            InetSocketAddress.createUnresolved(name, port));
        return Relay.start(config, listener, host ->
        {
            if (!name.equals(host))
            {
                throw new UnknownHostException(host);
            }
            return addresses.clone();
        });
    }

    private static void assumeIpv6Loopback()
    {
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(V6, 0)))
        {
            assumeTrue(probe.isOpen());
        }
        catch (final IOException ex)
        {
            assumeTrue(false, "no IPv6 loopback here: " + ex);
        }
    }

    private static boolean nothingListensOn(final InetSocketAddress address)
    {
        try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(address))
        {
            return false;
        }
        catch (final IOException refused)
        {
            return true;
        }
    }
}
