package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 1: a client that reads slowly (curl --limit-rate) makes progress, and the idle timeout must
 * not cut it. The relay then spends its time blocked writing to the client and reads from the backend only once
 * its buffer is out, so counting reads alone cut such transfers.
 */
class RelaySlowReaderTest
{
    private static final long IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1200);
    private static final int CHUNK = 8 * 1024;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldKeepAPairWhoseClientReadsSlowlyPastTheIdleTimeout() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        // A backend that sends until the client goes away: more than every buffer on the way can hold.
        try (TestBackend backend = TestBackend.start(0, RelaySlowReaderTest::sendForever);
            Relay relay = Relay.start(RelayThroughputTest.config(backend).withIdleTimeoutNs(IDLE_NS), listener);
            SocketChannel client = SocketChannel.open())
        {
            // A fixed receive buffer, as a rate-limited reader keeps it: its TCP window reopens every 64 KiB read.
            // (A reader whose buffer autotuned to megabytes reopens it only every few hundred KiB read, and the
            // relay cannot see progress in between: see the README.)
            client.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            client.connect(relay.localAddress());
            final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            // Fast at first, so the direction moves to a bulk thread and its large buffer, as a download would.
            long received = readAtLeast(client, buffer, 4L << 20);
            // Then about 160 KB/s for three idle timeouts: less than one bulk buffer per timeout, and with the
            // window reopening every 64 KiB, several acknowledgements per timeout even if the sleeps stretch.
            final long slowUntilNs = System.nanoTime() + 3 * IDLE_NS;
            while (System.nanoTime() < slowUntilNs)
            {
                received += readAtLeast(client, buffer, CHUNK);
                Thread.sleep(50);
            }
            // Still relaying: another 4 MiB arrive, no reset, no EOF.
            received += readAtLeast(client, buffer, 4L << 20);
            assertTrue(received > 8L << 20, "received " + received);
            assertEquals(0, listener.reports.size(), "no pair was cut: " + listener.reports);
        }
    }

    private static long readAtLeast(final SocketChannel client, final ByteBuffer buffer, final long bytes)
        throws java.io.IOException
    {
        long total = 0;
        while (total < bytes)
        {
            final int n = client.read(buffer.clear());
            assertTrue(n > 0, "EOF after " + total + " bytes");
            total += n;
        }
        return total;
    }

    private static void sendForever(final SocketChannel channel) throws java.io.IOException
    {
        final ByteBuffer data = ByteBuffer.allocateDirect(64 * 1024);
        while (true)
        {
            channel.write(data.clear());
        }
    }
}
