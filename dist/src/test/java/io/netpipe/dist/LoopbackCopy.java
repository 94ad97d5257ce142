package io.netpipe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender and receivers started through an installed launcher on loopback broadcast ({@code 127.255.255.255},
 * a random free port pair, nothing leaves the host), checked as a user would: exit codes and SHA-256.
 */
final class LoopbackCopy
{
    private static final Duration EXIT = Duration.ofSeconds(90);

    private LoopbackCopy()
    {
    }

    /**
     * Replicates 4 MiB and checks every copy.
     *
     * @param launcher  the {@code netpipe} to run.
     * @param env       the whole environment of every process.
     * @param dir       where the input, the copies and the stderr captures go.
     * @param receivers how many receivers.
     * @return the executable the first receiver's JVM runs (from /proc), to tell which Java was used.
     * @throws IOException when a process cannot start.
     * @throws InterruptedException when interrupted.
     */
    static Path assertReplicates(final Path launcher, final Map<String, String> env, final Path dir, final int receivers)
        throws IOException, InterruptedException
    {
        final Path input = Shell.randomFile(dir.resolve("input"), 4 << 20);
        final String port = String.valueOf(Shell.freePortPair());
        final List<Process> started = new ArrayList<>();
        try
        {
            for (int r = 0; r < receivers; r++)
            {
                started.add(start(env, dir, List.of(launcher.toString(), "recv", "--port", port, "--timeout", "60s",
                    "-o", dir.resolve("out" + r).toString()), "rx" + r));
            }
            final Path java = javaOf(started.get(0));
            final Process sender = start(env, dir, List.of(launcher.toString(), "send", "-n", String.valueOf(receivers),
                "--dest", "127.255.255.255", "--port", port, input.toString()), "tx");
            started.add(sender);
            assertEquals(0, Shell.exitCode(sender, EXIT), () -> read(dir.resolve("tx.err")));
            for (int r = 0; r < receivers; r++)
            {
                final Path err = dir.resolve("rx" + r + ".err");
                assertEquals(0, Shell.exitCode(started.get(r), EXIT), () -> read(err));
                assertEquals(Shell.sha256(input), Shell.sha256(dir.resolve("out" + r)), "copy " + r);
            }
            return java;
        }
        finally
        {
            started.forEach(Process::destroyForcibly);
        }
    }

    private static Process start(final Map<String, String> env, final Path dir, final List<String> command,
        final String name) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /** The launcher execs the JVM in its own process: wait for that exec, then read the executable it runs. */
    private static Path javaOf(final Process process)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline)
        {
            final String command = process.info().command().orElse("");
            if (command.endsWith("/java"))
            {
                return Path.of(command);
            }
            assertTrue(process.isAlive(), "the launcher exited before starting Java");
            LockSupport.parkNanos(20_000_000L);
        }
        return fail("the launcher did not exec a JVM within 30 s");
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "(no " + file + ")";
        }
    }
}
