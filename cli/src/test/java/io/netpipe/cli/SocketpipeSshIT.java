package io.netpipe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * socketpipe mode through a real OpenSSH login: a private sshd on 127.0.0.1 (see {@link SocketpipeSshd}), started
 * for this class and stopped after it, even on failure. ssh joins the remote words and hands them to the remote
 * user's shell, so these tests also show the words arrive intact. The server instance finds the address to
 * connect back to in {@code SSH_CONNECTION} (no -h), and the local side expects it from the host {@code ssh -G}
 * names, 127.0.0.1 (no -f). {@code -b} keeps ssh off the shared stdin and stdout.
 */
@Timeout(120)
class SocketpipeSshIT
{
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final int O_NONBLOCK = 04000;

    @TempDir
    static Path dir;

    private static SocketpipeSshd sshd;
    private static SocketpipeData data;

    @BeforeAll
    static void startSshd() throws Exception
    {
        final String unavailable = SocketpipeSshd.unavailableReason();
        assumeTrue(null == unavailable, unavailable);
        sshd = SocketpipeSshd.start(Files.createDirectories(dir.resolve("sshd")));
        data = SocketpipeData.create(dir);
    }

    @AfterAll
    static void stopSshd() throws Exception
    {
        if (null != sshd)
        {
            sshd.close();
        }
    }

    @Test
    void shouldCarryOneGibibyteFromInputToRemoteThroughSsh() throws Exception
    {
        final Path sum = dir.resolve("remote-input.sha256");

        final SocketpipeProcess.Result result = run("-b", "-i", data.generator(), "-l", sshd.login(),
            "-r", List.of("sh", "-c", "sha256sum > \"$0\"", sum.toString()));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), Files.readString(sum));
    }

    @Test
    void shouldCarryOneGibibyteThroughSshWithTheJvmServerInstance() throws Exception
    {
        final SocketpipeProcess.Result result = SocketpipeProcess.run(dir, LIMIT, words("-b", "-l", sshd.login(),
            "-r", data.generator(), "-o", List.of("sha256sum")),
            Map.of(SocketpipeRemote.VARIABLE, "env NETPIPE_SOCKETPIPE_SERVER=jvm " + SocketpipeProcess.LAUNCHER));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), result.stdout());
    }

    @Test
    void shouldCarryOneGibibyteFromRemoteToOutputThroughSsh() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-l", sshd.login(), "-r", data.generator(), "-o", List.of("sha256sum"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), result.stdout());
    }

    @Test
    void shouldCarryOneGibibyteThroughTheRemoteCommandAndBackThroughSsh() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-i", data.generator(), "-l", sshd.login(), "-r", List.of("cat"),
            "-o", List.of("sha256sum"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), result.stdout());
    }

    @Test
    void shouldPassRemoteExitStatusThroughSsh() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-i", List.of("true"), "-l", sshd.login(),
            "-r", List.of("sh", "-c", "exit 7"));

        assertEquals(7, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
    }

    @Test
    void shouldDeliverRemoteWordsExactlyThroughTheRemoteShell() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-l", sshd.login(),
            "-r", List.of("printf", "<%s>", "a", "", "b c", "d'e", "$HOME", "*", "é", "`id`;|&"), "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("<a><><b c><d'e><$HOME><*><é><`id`;|&>", result.stdout());
    }

    @Test
    void shouldReportFailingRemoteCommandThroughSshWhenOutputDecides() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-l", sshd.login(), "-r", List.of("sh", "-c", "echo data; exit 3"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("data\n", result.stdout());
        assertEquals(List.of("netpipe socketpipe: the remote command failed with exit status 3 (through the login command)"),
            result.stderrLines());
    }

    @Test
    void shouldRefuseTheServerInstanceThroughSshFromAnAddressOtherThanTheFromHost() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-f", "127.0.0.2", "-l", sshd.login(), "-r", List.of("echo", "data"),
            "-o", List.of("cat"));

        assertEquals(ExitCodes.IO, result.exitCode(), "the refused server instance's status, through ssh: " + result.stderr());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("netpipe socketpipe: ignored a connection from 127.0.0.1: not from the -f host " +
            "127.0.0.2 (give -f 127.0.0.1 to accept it, or -f any)\n"), result.stderr());
        assertTrue(result.stderr().contains("it refused this host's address (see its warning and -f)"), result.stderr());
        assertTrue(result.stderr().endsWith("netpipe socketpipe: the login command ended with exit status 5 after the " +
            "connection back was refused\n"), result.stderr());
        assertTrue(result.stderr().contains("connected to 127.0.0.1:"), "no leading slash: " + result.stderr());
    }

    @Test
    void shouldSayInOneLineThroughSshThatTheOutputCommandStoppedReadingEarly() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-l", sshd.login(), "-r", List.of("head", "-c", "100M", "/dev/zero"),
            "-o", List.of("head", "-c", "1"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(1, result.stdout().length());
        assertEquals(List.of("netpipe socketpipe: the output command ended before the data did, so the remote command " +
            "(signal 13 (exit status 141)) was cut off"), result.stderrLines());
    }

    @Test
    void shouldWordARemoteSignalThroughSshAsALocalOne() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-l", sshd.login(), "-r", List.of("sh", "-c", "kill -TERM $$"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.of("netpipe socketpipe: the remote command failed with signal 15 (exit status 143) (through the " +
            "login command)"), result.stderrLines());
    }

    @Test
    void shouldEndThroughSshWhenTheRemoteCommandWritesWhatNobodyReads() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-i", List.of("true"), "-l", sshd.login(),
            "-r", List.of("sh", "-c", "head -c 64M /dev/zero && echo done >&2"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("done\n", result.stderr());
    }

    @Test
    void shouldKeepTheOutputCommandsPipeBlockingWithoutBatch() throws Exception
    {
        // Without -b ssh shares netpipe's stdout, here a pipe; ssh makes its stdout non-blocking, and -o must not
        // inherit that: its writes into a full pipe would fail with EAGAIN and the output would be cut.
        final SocketpipeProcess.Result result = SocketpipeProcess.runIntoPipe(dir, LIMIT, words("-l", sshd.login(),
            "-r", List.of("echo", "data"), "-o", List.of("sh", "-c", "cat; flags=$(grep ^flags /proc/$$/fdinfo/1); echo $flags")));

        assertEquals(0, result.exitCode(), result.stderr());
        final String[] lines = result.stdout().split("\n");
        assertEquals("data", lines[0], result.stdout());
        final int flags = Integer.parseInt(lines[1].replace("flags:", "").strip(), 8);
        assertEquals(0, flags & O_NONBLOCK, "O_NONBLOCK set on -o's stdout: " + lines[1]);
    }

    @Test
    void shouldDeliverEveryByteIntoAPipeWithoutBatch() throws Exception
    {
        final SocketpipeProcess.Result result = SocketpipeProcess.runIntoPipe(dir, LIMIT, words("-l", sshd.login(),
            "-r", List.of("sh", "-c", "head -c 32M /dev/zero | tr '\\0' x"), "-o", List.of("cat")));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(32 << 20, result.stdout().length(), result.stderr());
    }

    @Test
    void shouldNameAMissingRemoteCommandThroughSshInOneLine() throws Exception
    {
        final SocketpipeProcess.Result result = run("-b", "-i", List.of("true"), "-l", sshd.login(),
            "-r", List.of("no-such-command-for-netpipe"));

        assertEquals(127, result.exitCode(), result.stderr());
        assertEquals(List.of("netpipe socketpipe: remote command not found: no-such-command-for-netpipe"), result.stderrLines());
    }

    private static SocketpipeProcess.Result run(final Object... parts) throws Exception
    {
        return SocketpipeProcess.run(dir, LIMIT, words(parts), Map.of());
    }
}
