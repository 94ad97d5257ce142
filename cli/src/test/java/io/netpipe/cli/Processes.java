package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starts {@code bin/netpipe} as real processes and checks what users check: exit codes, stderr, SHA-256. */
final class Processes
{
    private Processes()
    {
    }

    /** @return the launcher of the build under test. */
    static Path launcher()
    {
        final String home = System.getProperty("netpipe.home");
        final Path path = Path.of(null == home ? ".." : home).resolve("bin/netpipe").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(path), "no launcher at " + path);
        return path;
    }

    /**
     * @param args    arguments after {@code netpipe}.
     * @param env     extra environment.
     * @param stdin   file for stdin, or {@code null} for a pipe the caller writes.
     * @param stdout  file for stdout, or {@code null} for a pipe the caller reads.
     * @param stderr  file for stderr.
     * @return the started process.
     * @throws IOException when it cannot start.
     */
    static Process start(final List<String> args, final Map<String, String> env, final Path stdin, final Path stdout,
        final Path stderr) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectInput(null == stdin ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.redirectOutput(null == stdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(stdout.toFile()));
        builder.redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        return builder.start();
    }

    /**
     * @param process a process.
     * @param timeout how long it may take.
     * @return its exit code.
     * @throws InterruptedException when interrupted.
     */
    static int exitCode(final Process process, final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            fail("process did not exit within " + timeout + ": " + process.info().commandLine().orElse("?"));
        }
        return process.exitValue();
    }

    /**
     * Waits for a condition, polling every 20 ms.
     *
     * @param what      what is awaited, for the failure message.
     * @param timeout   how long.
     * @param condition the condition.
     */
    static void await(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    /**
     * @param file a file.
     * @return its size, 0 when it does not exist yet.
     */
    static long size(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /** @return a data port P such that P and P + 1 are free on loopback, chosen at random to avoid other runs. */
    static int freePortPair()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int port = 20000 + 2 * ThreadLocalRandom.current().nextInt(20000);
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(port));
                DatagramSocket b = new DatagramSocket(new InetSocketAddress(port + 1)))
            {
                return port;
            }
            catch (final IOException ex)
            {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free UDP port pair");
    }

    /**
     * Writes {@code size} pseudo-random bytes.
     *
     * @param file the file.
     * @param size bytes.
     * @param seed the seed.
     * @return the file.
     * @throws IOException when writing fails.
     */
    static Path randomFile(final Path file, final long size, final long seed) throws IOException
    {
        final Random random = new Random(seed);
        final byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (long left = size; left > 0; left -= chunk.length)
            {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int)Math.min(chunk.length, left));
            }
        }
        return file;
    }

    /**
     * @param file a file.
     * @return its SHA-256 in hex.
     * @throws IOException when reading fails.
     */
    static String sha256(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return sha256(in);
        }
    }

    /**
     * @param in a stream, read to its end.
     * @return its SHA-256 in hex.
     * @throws IOException when reading fails.
     */
    static String sha256(final InputStream in) throws IOException
    {
        final MessageDigest digest = newSha256();
        final byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0)
        {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return a SHA-256 digest. */
    static MessageDigest newSha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param file a stderr capture.
     * @return its lines.
     */
    static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }
}
