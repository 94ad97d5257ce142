package io.netpipe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit statuses and error messages of socketpipe mode, run as real processes with {@code -l { env }}. */
@Timeout(60)
class SocketpipeStatusIT
{
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final List<String> ENV = List.of("env");

    @TempDir
    Path dir;

    @Test
    void shouldPassRemoteExitStatusWithItsShellWordsIntact() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("true"), "-l", ENV, "-r", List.of("sh", "-c", "exit 7"));

        assertEquals(7, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
    }

    @Test
    void shouldExitWithOutputStatusAndReportTheFailingRemoteCommand() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV, "-r", List.of("sh", "-c", "echo data; exit 3"),
            "-o", List.of("sh", "-c", "cat; exit 4"));

        assertEquals(4, result.exitCode(), result.stderr());
        assertEquals("data\n", result.stdout());
        assertEquals(List.of("netpipe socketpipe: the remote command failed with exit status 3 (through the login command)"),
            result.stderrLines());
    }

    @Test
    void shouldExit128PlusSignalWhenTheRemoteCommandIsKilled() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("true"), "-l", ENV, "-r", List.of("sh", "-c", "kill -TERM $$"));

        assertEquals(128 + 15, result.exitCode(), result.stderr());
    }

    @Test
    void shouldExit128PlusSignalWhenTheOutputCommandIsKilled() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV, "-r", List.of("echo", "x"), "-o", List.of("sh", "-c", "kill -KILL $$"));

        assertEquals(128 + 9, result.exitCode(), result.stderr());
    }

    @Test
    void shouldEndWhenTheRemoteCommandWritesWhatNobodyReads() throws Exception
    {
        // Without -o nobody reads the remote command's output: 1.10 blocks for ever once the socket buffers fill.
        final SocketpipeProcess.Result result = run("-i", List.of("true"), "-l", ENV,
            "-r", List.of("sh", "-c", "head -c 64M /dev/zero && echo done >&2"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("done\n", result.stderr());
    }

    @Test
    void shouldStopTheRemoteCommandWhenTheServerInstanceIsTerminated() throws Exception
    {
        final Path pids = dir.resolve("pids");
        final CompletableFuture<SocketpipeProcess.Result> running = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return run("-i", List.of("true"), "-l", ENV,
                    "-r", List.of("sh", "-c", "echo $$ $PPID > \"$0.tmp\"; mv \"$0.tmp\" \"$0\"; exec sleep 30", pids.toString()));
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final long deadlineNs = System.nanoTime() + LIMIT.toNanos();
        while (!Files.exists(pids) && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(10);
        }
        final String[] words = Files.readString(pids).strip().split(" ");
        final long command = Long.parseLong(words[0]);
        final long serverInstance = Long.parseLong(words[1]);

        assertTrue(ProcessHandle.of(serverInstance).orElseThrow().destroy(), "SIGTERM to the server instance");
        final SocketpipeProcess.Result result = running.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(143, result.exitCode(), result.stderr());
        // Signalled, not necessarily reaped yet: the JVM server instance sends SIGTERM as it exits, and the
        // command's zombie is then its new parent's to reap.
        final long endNs = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.of(command).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() - endNs < 0)
        {
            Thread.sleep(10);
        }
        assertFalse(ProcessHandle.of(command).map(ProcessHandle::isAlive).orElse(false), "the remote command still runs");
    }

    @Test
    void shouldExit127WhenTheRemoteCommandIsNotFound() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("true"), "-l", ENV, "-r", List.of("no-such-command-for-netpipe"));

        assertEquals(127, result.exitCode(), result.stderr());
        assertEquals(List.of("netpipe socketpipe: remote command not found: no-such-command-for-netpipe"), result.stderrLines());
    }

    @Test
    void shouldWordASignalThatEndedTheRemoteCommandAsALocalOne() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV, "-r", List.of("sh", "-c", "echo data; kill -TERM $$"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("data\n", result.stdout());
        assertEquals(List.of("netpipe socketpipe: the remote command failed with signal 15 (exit status 143) (through the " +
            "login command)"), result.stderrLines());
    }

    @Test
    void shouldExitZeroWithOneLineWhenTheOutputCommandStopsReadingTheRemoteCommandEarly() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV, "-r", List.of("head", "-c", "100M", "/dev/zero"),
            "-o", List.of("head", "-c", "1"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("\0", result.stdout());
        assertEquals(List.of("netpipe socketpipe: the output command ended before the data did, so the remote command " +
            "(signal 13 (exit status 141)) was cut off"), result.stderrLines());
    }

    /** With -i still sending, the remote command meets a reset rather than a broken pipe: its own message may add a line. */
    @Test
    void shouldExitZeroWithOneLineWhenTheOutputCommandStopsReadingEarly() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("head", "-c", "100M", "/dev/zero"), "-l", ENV,
            "-r", List.of("cat"), "-o", List.of("head", "-c", "1"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("\0", result.stdout());
        assertEquals(1, result.stderrLines().stream().filter(line -> line.startsWith("netpipe socketpipe: ")).count(),
            result.stderr());
        assertTrue(result.stderr().contains("netpipe socketpipe: the output command ended before the data did, so the "),
            result.stderr());
    }

    @Test
    void shouldExit127WhenTheInputCommandIsNotFound() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("no-such-command-for-netpipe"), "-l", ENV, "-r", List.of("cat"));

        assertEquals(127, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), result.stderr());
        assertTrue(result.stderr().endsWith("socketpipe: input command not found: no-such-command-for-netpipe\n"), result.stderr());
    }

    @Test
    void shouldPassThroughStatusOfLoginCommandThatFails() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("true"), "-l", List.of("false"), "-r", List.of("cat"));

        assertEquals(1, result.exitCode(), result.stderr());
        assertTrue(result.stderr().endsWith(
            "socketpipe: the login command ended with exit status 1 before the remote side connected back\n"), result.stderr());
    }

    @Test
    void shouldTimeOutWhenTheRemoteSideNeverConnects() throws Exception
    {
        final SocketpipeProcess.Result result = run("-t", "1s", "-i", List.of("true"), "-l", List.of("sh", "-c", "exec sleep 60"),
            "-r", List.of("cat"));

        assertEquals(ExitCodes.TIMEOUT, result.exitCode(), result.stderr());
        assertTrue(result.stderr().endsWith("socketpipe: the remote side did not connect back within 1s\n"), result.stderr());
        assertTrue(result.elapsed().compareTo(Duration.ofSeconds(20)) < 0, "the login command was stopped: " + result.elapsed());
    }

    @Test
    void shouldRejectUnterminatedBlockInOneLineWithUsageCode() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", "{", "tar", "cf", "-", "-l", List.of("ssh", "h"), "-r", List.of("cat"));

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals(List.of("netpipe socketpipe: unterminated block after -i: a closing } word is missing " +
            "(see 'netpipe socketpipe --help')"), result.stderrLines());
    }

    /** @return extra environment for the runs: none, so the launcher's shell serves the remote side. */
    Map<String, String> environment()
    {
        return Map.of();
    }

    private SocketpipeProcess.Result run(final Object... parts) throws Exception
    {
        return SocketpipeProcess.run(dir, LIMIT, words(parts), environment());
    }
}
