package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Random datagrams of every size, sprayed at both ports during a transfer, change nothing. */
class GarbageIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldIgnoreGarbageDatagramsOnBothPorts() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 48L << 20, 5);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process a = session.receiver("a", false);
            final Process b = session.receiver("b", false);
            final Process sender = session.sender(2, input, "--rate", "24M");
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicLong sprayed = new AtomicLong();
            final Thread sprayer = Thread.ofPlatform().start(() -> spray(session.port(), stop, sprayed));
            try
            {
                assertEquals(0, Processes.exitCode(sender, Duration.ofSeconds(90)),
                    () -> String.join("\n", Processes.lines(session.err("sender"))));
                assertEquals(0, Processes.exitCode(a, Duration.ofSeconds(10)));
                assertEquals(0, Processes.exitCode(b, Duration.ofSeconds(10)));
            }
            finally
            {
                stop.set(true);
                sprayer.join();
            }
            assertTrue(sprayed.get() > 1000, "sprayed only " + sprayed.get());
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("a")));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("b")));
        }
    }

    /**
     * Sends random bytes of every length from 0 to 1600 (and some jumbo ones), plus datagrams that start like a
     * netpipe frame (magic, version, every type) but carry a wrong CRC, to the data port by broadcast and unicast
     * and to the feedback port. Paced to a few thousand a second: loopback only, bounded by the transfer.
     */
    private static void spray(final int port, final AtomicBoolean stop, final AtomicLong sprayed)
    {
        final Random random = new Random(11);
        final List<InetSocketAddress> targets = List.of(
            new InetSocketAddress(LoopbackSession.BROADCAST, port),
            new InetSocketAddress("127.0.0.1", port),
            new InetSocketAddress("127.0.0.1", port + 1));
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.setOption(java.net.StandardSocketOptions.SO_BROADCAST, true);
            final byte[] bytes = new byte[9000];
            int length = 0;
            while (!stop.get() && sprayed.get() < 200_000)
            {
                length = (length + 1) % 1601;
                final int size = random.nextInt(50) == 0 ? 1601 + random.nextInt(7000) : length;
                random.nextBytes(bytes);
                if (random.nextBoolean() && size >= 12)
                {
                    bytes[0] = 0x4E;
                    bytes[1] = 0x50;
                    bytes[2] = 1;
                    bytes[3] = (byte)(1 + random.nextInt(7));
                }
                channel.send(ByteBuffer.wrap(bytes, 0, size), targets.get(random.nextInt(targets.size())));
                if (sprayed.incrementAndGet() % 20 == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
