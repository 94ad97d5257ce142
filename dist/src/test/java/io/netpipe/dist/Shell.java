package io.netpipe.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs commands as a user at a shell would, and the checks they would make: exit status, output, SHA-256. */
final class Shell
{
    /** What a finished command left: its exit status and its stdout and stderr together. */
    record Result(int status, String output)
    {
    }

    private Shell()
    {
    }

    /** @return the directory {@code mvn package} wrote the distribution to. */
    static Path dist()
    {
        return Path.of(System.getProperty("netpipe.dist", "target"));
    }

    /** @return the project version the distribution was built for. */
    static String version()
    {
        return System.getProperty("netpipe.version");
    }

    /**
     * @param command the command and its arguments.
     * @param env     the whole environment: nothing is inherited.
     * @param dir     the working directory.
     * @return what it printed and its status, within 60 s.
     * @throws IOException when it cannot start.
     * @throws InterruptedException when interrupted.
     */
    static Result run(final List<String> command, final Map<String, String> env, final Path dir)
        throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        final Path output = Files.createTempFile("shell", ".out");
        try
        {
            final Process process = builder.redirectOutput(output.toFile()).start();
            final int status = exitCode(process, Duration.ofSeconds(60));
            return new Result(status, Files.readString(output, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(output);
        }
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
            fail("did not exit within " + timeout + ": " + process.info().commandLine().orElse("?"));
        }
        return process.exitValue();
    }

    /** @return a data port P such that P and P + 1 are free on loopback, at random to avoid concurrent runs. */
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
     * @param file the file to write.
     * @param size how many pseudo-random bytes.
     * @return the file.
     * @throws IOException when writing fails.
     */
    static Path randomFile(final Path file, final int size) throws IOException
    {
        final byte[] data = new byte[size];
        new Random(13).nextBytes(data);
        try (OutputStream out = Files.newOutputStream(file))
        {
            out.write(data);
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
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param name a program.
     * @return whether it is on this machine's PATH.
     */
    static boolean onPath(final String name)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name)))
            {
                return true;
            }
        }
        return false;
    }
}
