package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Must-hold 1: many 1 MiB streams through the relay to an echo backend, every byte checked. */
class RelayThroughputTest
{
    private static final int MIB = 1 << 20;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldRelayFiveHundredSequentialConnectionsOfOneMebibyte() throws Exception
    {
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(config(backend), RelayListener.NONE))
        {
            for (int i = 0; i < 500; i++)
            {
                final byte[] request = Streams.payload(i, MIB);
                assertArrayEquals(request, Streams.exchange(relay.localAddress(), request), "connection " + i);
            }
            assertEquals(500, relay.acceptedConnections());
            assertEquals(500, backend.accepted(), "every client gets its own backend connection");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldRelayTwoHundredConcurrentConnectionsOfOneMebibyte() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (TestBackend backend = TestBackend.echo(0);
            Relay relay = Relay.start(config(backend), listener);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor())
        {
            final List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                final int seed = 1000 + i;
                results.add(clients.submit(() ->
                {
                    final byte[] request = Streams.payload(seed, MIB);
                    assertArrayEquals(request, Streams.exchange(relay.localAddress(), request), "seed " + seed);
                    return null;
                }));
            }
            for (final Future<?> result : results)
            {
                result.get();
            }
            assertEquals(200, backend.accepted(), "every client gets its own backend connection");
            Streams.await(() -> 200 == listener.reports.size(), java.time.Duration.ofSeconds(10), "200 reports");
            for (final ConnectionReport report : listener.reports)
            {
                assertEquals(MIB, report.bytesToBackend());
                assertEquals(MIB, report.bytesToClient());
                assertEquals(null, report.failure());
            }
        }
    }

    static RelayConfig config(final TestBackend backend) throws java.io.IOException
    {
        return RelayConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backend.address());
    }
}
