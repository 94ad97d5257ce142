package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Replication over loopback broadcast with real processes: what arrives is what was sent, byte for byte. */
class ReplicationIT
{
    private static final Duration EXIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldDeliver256MiBByteIdenticalToThreeReceivers() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 256L << 20, 1);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final List<Process> receivers = List.of(
                session.receiver("a", false), session.receiver("b", false), session.receiver("c", false));
            final Process sender = session.sender(3, input);

            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            final String expected = Processes.sha256(input);
            for (int i = 0; i < receivers.size(); i++)
            {
                final String name = List.of("a", "b", "c").get(i);
                assertEquals(0, Processes.exitCode(receivers.get(i), EXIT), String.join("\n", Processes.lines(session.err(name))));
                assertEquals(expected, Processes.sha256(session.out(name)), "receiver " + name);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReplicateEmptyInput() throws Exception
    {
        assertReplicatesExactly(new byte[0]);
    }

    @Test
    @Timeout(60)
    void shouldReplicateOneByte() throws Exception
    {
        assertReplicatesExactly(new byte[] {42});
    }

    @Test
    @Timeout(60)
    void shouldReplicateOneFullPacketPlusOneByte() throws Exception
    {
        final byte[] data = new byte[1452 + 1];
        new java.util.Random(7).nextBytes(data);
        assertReplicatesExactly(data);
    }

    private void assertReplicatesExactly(final byte[] data) throws Exception
    {
        final Path input = Files.write(dir.resolve("in"), data);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process a = session.receiver("a", false);
            final Process b = session.receiver("b", false);
            final Process sender = session.sender(2, input);
            assertEquals(0, Processes.exitCode(sender, EXIT));
            assertEquals(0, Processes.exitCode(a, EXIT));
            assertEquals(0, Processes.exitCode(b, EXIT));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("a")));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("b")));
            for (final String name : List.of("sender", "a", "b"))
            {
                for (final String line : Processes.lines(session.err(name)))
                {
                    assertTrue(line.startsWith("netpipe "), "only netpipe's own lines on stderr, not: " + line);
                }
            }
        }
    }

    @Test
    @Timeout(180)
    void shouldNotDropReceiverBehindSlowConsumer() throws Exception
    {
        final long size = 96L << 20;
        final Path input = Processes.randomFile(dir.resolve("in"), size, 2);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process slow = session.receiver("slow", true);
            final Process fast1 = session.receiver("fast1", false);
            final Process fast2 = session.receiver("fast2", false);
            final Process sender = session.sender(3, input);
            final String slowDigest = readThrottled(slow.getInputStream(), 16L << 20);

            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            assertEquals(0, Processes.exitCode(slow, EXIT));
            assertEquals(0, Processes.exitCode(fast1, EXIT));
            assertEquals(0, Processes.exitCode(fast2, EXIT));
            final String expected = Processes.sha256(input);
            assertEquals(expected, slowDigest);
            assertEquals(expected, Processes.sha256(session.out("fast1")));
            assertEquals(expected, Processes.sha256(session.out("fast2")));
        }
    }

    /** A consumer limited to {@code bytesPerSecond}, like a slow disk behind the pipe. */
    private static String readThrottled(final InputStream in, final long bytesPerSecond) throws IOException
    {
        final java.security.MessageDigest digest = Processes.newSha256();
        final byte[] buffer = new byte[64 << 10];
        final long startNs = System.nanoTime();
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0)
        {
            digest.update(buffer, 0, n);
            total += n;
            final long dueNs = startNs + total * 1_000_000_000L / bytesPerSecond;
            final long aheadNs = dueNs - System.nanoTime();
            if (aheadNs > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(aheadNs);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
