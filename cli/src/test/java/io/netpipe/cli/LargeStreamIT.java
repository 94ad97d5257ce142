package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A 4 GiB stream through processes limited to a 256 MiB heap: it completes and memory stays bounded. */
class LargeStreamIT
{
    private static final long SIZE = 4L << 30;
    private static final long RSS_LIMIT_BYTES = 640L << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(900)
    void shouldStream4GiBWithBoundedMemory() throws Exception
    {
        try (LoopbackSession session = new LoopbackSession(dir).env(Map.of("NETPIPE_JAVA_OPTS", "-Xmx256m")))
        {
            final Process a = session.receiver("a", true);
            final Process b = session.receiver("b", true);
            final Process sender = session.sender(2, null, "--quiet");
            // One thread each: a shared pool may run them one after the other, and an undrained pipe stalls
            // the whole session (by design: a slow consumer slows the sender).
            final CompletableFuture<String> digestA = digestOnOwnThread(a);
            final CompletableFuture<String> digestB = digestOnOwnThread(b);
            final AtomicLong peakRss = new AtomicLong();
            final Thread monitor = Thread.ofPlatform().daemon().start(() -> watchRss(List.of(sender, a, b), peakRss));
            final String sent = feed(sender.getOutputStream());

            assertEquals(0, Processes.exitCode(sender, Duration.ofSeconds(600)),
                () -> String.join("\n", Processes.lines(session.err("sender"))));
            assertEquals(0, Processes.exitCode(a, Duration.ofSeconds(30)));
            assertEquals(0, Processes.exitCode(b, Duration.ofSeconds(30)));
            monitor.interrupt();
            assertEquals(sent, digestA.join());
            assertEquals(sent, digestB.join());
            assertTrue(peakRss.get() < RSS_LIMIT_BYTES, "peak resident memory " + (peakRss.get() >> 20) + " MiB");
        }
    }

    private static String feed(final OutputStream stdin) throws IOException
    {
        final java.security.MessageDigest digest = Processes.newSha256();
        final Random random = new Random(13);
        final byte[] chunk = new byte[1 << 20];
        try (stdin)
        {
            for (long left = SIZE; left > 0; left -= chunk.length)
            {
                random.nextBytes(chunk);
                digest.update(chunk);
                stdin.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static CompletableFuture<String> digestOnOwnThread(final Process receiver)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try
            {
                result.complete(Processes.sha256(receiver.getInputStream()));
            }
            catch (final IOException | RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    private static void watchRss(final List<Process> processes, final AtomicLong peak)
    {
        while (!Thread.currentThread().isInterrupted())
        {
            for (final Process p : processes)
            {
                peak.accumulateAndGet(rss(p.pid()), Math::max);
            }
            try
            {
                Thread.sleep(200);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    private static long rss(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // the process has exited
        }
        return 0;
    }
}
