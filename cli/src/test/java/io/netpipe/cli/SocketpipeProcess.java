package io.netpipe.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@code bin/netpipe socketpipe ...} as a real process, the way a user does: stdin from /dev/null (so a
 * command reading it ends), stdout and stderr to files (so no pipe fills up), a time limit after which the
 * whole process tree is killed and the test fails.
 */
final class SocketpipeProcess
{
    /** Where the build put the project: failsafe passes it in. */
    static final Path HOME = Path.of(System.getProperty("netpipe.home", "..")).toAbsolutePath().normalize();
    /** The launcher users run. */
    static final Path LAUNCHER = HOME.resolve("bin").resolve("netpipe");

    /**
     * What a run left behind.
     *
     * @param exitCode the process's exit status.
     * @param stdout   everything written to stdout.
     * @param stderr   everything written to stderr.
     * @param elapsed  how long it ran.
     */
    record Result(int exitCode, String stdout, String stderr, Duration elapsed)
    {
        /** @return stderr split into lines. */
        List<String> stderrLines()
        {
            return stderr.isEmpty() ? List.of() : Arrays.asList(stderr.split("\n"));
        }
    }

    private SocketpipeProcess()
    {
    }

    /** Runs {@code netpipe socketpipe} with words separated by spaces (no quoting: use the list form for that). */
    static Result run(final Path dir, final Duration limit, final String words) throws IOException, InterruptedException
    {
        return run(dir, limit, Arrays.asList(words.split(" ")), Map.of());
    }

    /**
     * @param dir   a scratch directory for the output files.
     * @param limit how long the run may take before it is killed and the test fails.
     * @param words the words after {@code netpipe socketpipe}.
     * @param env   extra environment variables.
     */
    static Result run(final Path dir, final Duration limit, final List<String> words, final Map<String, String> env)
        throws IOException, InterruptedException
    {
        return run(dir, limit, List.of(), words, env);
    }

    /**
     * As {@link #run(Path, Duration, List, Map)}, through a wrapper that ends by running its arguments, the way a
     * user's shell would start netpipe: e.g. {@code sh -c 'trap "" HUP; exec "$@"' sh} for nohup.
     */
    static Result run(final Path dir, final Duration limit, final List<String> wrapper, final List<String> words,
        final Map<String, String> env) throws IOException, InterruptedException
    {
        return run(dir, limit, wrapper, words, env, false);
    }

    /** As {@link #run(Path, Duration, List, Map)} with stdout on a pipe this process reads, as in {@code netpipe ... | cmd}. */
    static Result runIntoPipe(final Path dir, final Duration limit, final List<String> words)
        throws IOException, InterruptedException
    {
        return run(dir, limit, List.of(), words, Map.of(), true);
    }

    private static Result run(final Path dir, final Duration limit, final List<String> wrapper, final List<String> words,
        final Map<String, String> env, final boolean stdoutPipe) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(LAUNCHER.toString(), "socketpipe"));
        command.addAll(words);
        final Path out = Files.createTempFile(dir, "stdout", ".txt");
        final Path err = Files.createTempFile(dir, "stderr", ".txt");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdoutPipe ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(out.toFile()))
            .redirectError(err.toFile());
        builder.environment().putAll(env);
        final long startNs = System.nanoTime();
        final Process process = builder.start();
        final CompletableFuture<byte[]> piped = stdoutPipe ? CompletableFuture.supplyAsync(() -> readAll(process)) :
            CompletableFuture.completedFuture(null);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("netpipe socketpipe " + String.join(" ", words) + " still running after " + limit +
                "; stderr: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        final byte[] pipedBytes = piped.join();
        return new Result(process.exitValue(), null != pipedBytes ? new String(pipedBytes, StandardCharsets.UTF_8) :
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - startNs));
    }

    private static byte[] readAll(final Process process)
    {
        try (var in = process.getInputStream())
        {
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
