package io.netpipe.forward;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** --idle-timeout and --max-connections. */
class RelayLimitsTest
{
    private static final byte[] PING = "ping".getBytes(US_ASCII);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCloseAPairIdleLongerThanTheIdleTimeout() throws Exception
    {
        // Long enough that a stall of a loaded CI machine between two bytes does not count as idle.
        final long idleNs = TimeUnit.SECONDS.toNanos(1);
        final RecordingListener listener = new RecordingListener();
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withIdleTimeoutNs(idleNs), listener);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            // The relay's last byte moved after this instant, so the cut cannot come less than idleNs after it.
            final long beforeLastBytesNs = System.nanoTime();
            roundTrip(client);
            assertEquals(0, Streams.readUntilReset(client).length, "reset once idle");
            final long idleForNs = System.nanoTime() - beforeLastBytesNs;
            assertTrue(idleForNs >= idleNs, "cut after " + idleForNs + " ns");
            Streams.await(() -> 1 == listener.reports.size(), Duration.ofSeconds(5), "report");
            assertEquals("idle timeout", listener.reports.getFirst().failure());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldKeepABusyPairOpenPastTheIdleTimeout() throws Exception
    {
        // Long enough that a stall of a loaded CI machine between two bytes does not count as idle.
        final long idleNs = TimeUnit.SECONDS.toNanos(1);
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withIdleTimeoutNs(idleNs),
                RelayListener.NONE);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            final long endNs = System.nanoTime() + 2 * idleNs;
            while (System.nanoTime() < endNs)
            {
                roundTrip(client);
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(idleNs) / 10);
            }
            assertEquals(1, relay.openConnections());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldHoldClientsBeyondMaxConnectionsUntilASlotFrees() throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withMaxConnections(1), RelayListener.NONE))
        {
            // Not a resource: the test closes it in the middle to free the slot.
            final SocketChannel first = SocketChannel.open(relay.localAddress());
            try (SocketChannel second = SocketChannel.open(relay.localAddress()))
            {
                roundTrip(first);
                Streams.writeAll(second, PING);
                // A negative can only be checked for a while: the second client must not reach the backend.
                Thread.sleep(200);
                assertEquals(1, relay.acceptedConnections());
                assertEquals(1, backend.accepted());
                first.close();
                final ByteBuffer echo = ByteBuffer.allocate(PING.length);
                while (echo.hasRemaining() && second.read(echo) >= 0)
                {
                    // the echo arrives once the first pair is gone
                }
                assertArrayEquals(PING, echo.array());
                assertEquals(2, backend.accepted());
            }
            finally
            {
                first.close();
            }
        }
    }

    private static void roundTrip(final SocketChannel client) throws Exception
    {
        Streams.writeAll(client, PING);
        final ByteBuffer echo = ByteBuffer.allocate(PING.length);
        while (echo.hasRemaining())
        {
            assertTrue(client.read(echo) >= 0, "unexpected EOF");
        }
        assertArrayEquals(PING, echo.array());
    }
}
