package io.netpipe.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How socketpipe mode handles its socket and its commands' stdio, run as real processes with {@code -l { env }}. */
@Timeout(60)
class SocketpipeSocketIT
{
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final List<String> ENV = List.of("env");

    @TempDir
    Path dir;

    @Test
    void shouldRunNestedBracesAsWords() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("echo", "{", "x", "}"), "-l", ENV, "-r", List.of("cat"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("{ x }\n", result.stdout());
    }

    @Test
    void shouldDeliverRemoteWordsExactlyWithoutAShell() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV,
            "-r", List.of("printf", "<%s>", "a", "", "b c", "d'e", "$HOME", "*", "é"), "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("<a><><b c><d'e><$HOME><*><é>", result.stdout());
    }

    @Test
    void shouldFinishCleanlyWhenBothDirectionsClose() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("echo", "hi"), "-l", ENV, "-r", List.of("cat"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("hi\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void shouldNotHangWhenTheOutputCommandEndsEarly() throws Exception
    {
        final SocketpipeProcess.Result result = run("-i", List.of("yes"), "-l", ENV, "-r", List.of("cat"),
            "-o", List.of("head", "-c", "10"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("y\ny\ny\ny\ny\n", result.stdout());
    }

    @Test
    void shouldNotHangWhenTheOnlyLocalCommandIsAnOutputThatEndsEarly() throws Exception
    {
        final SocketpipeProcess.Result result = run("-l", ENV, "-r", List.of("yes"), "-o", List.of("head", "-c", "4"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("y\ny\n", result.stdout());
    }

    @Test
    void shouldConnectBackOverIpv6() throws Exception
    {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback on this host");

        // The server instance connects to ::1 itself: success means the data socket is IPv6.
        final SocketpipeProcess.Result result = run("-h", "::1", "-l", ENV, "-r", List.of("echo", "over-ipv6"), "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("over-ipv6\n", result.stdout());
    }

    @Test
    void shouldTurnKeepAliveOnAtBothEndsOfTheDataSocket() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")), "ss (iproute2) is not installed");
        // Waits up to 5 s: the launcher's shell server instance has perl set it while the command starts.
        final String check = "i=$(readlink /proc/$$/fd/%d | tr -dc 0-9); for n in $(seq 250); do " +
            "ss -tnoeH | grep -q \"timer:(keepalive.* ino:$i \" && { echo %s; break; }; sleep 0.02; done";

        final SocketpipeProcess.Result result = run("-i", List.of("sh", "-c", String.format(check, 1, "local-keepalive")),
            "-l", ENV, "-r", List.of("sh", "-c", String.format(check, 0, "remote-keepalive") + "; cat"), "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("remote-keepalive\nlocal-keepalive\n", result.stdout());
    }

    @Test
    void shouldIgnoreAStrangerThatConnectsFirst() throws Exception
    {
        // The login command connects to the local side's port ($5 of the server instance's words) before running them.
        final List<String> login = List.of("sh", "-c", "printf 'not-the-netpipe-hello' | nc -N 127.0.0.1 \"$5\"; exec \"$@\"", "sh");

        final SocketpipeProcess.Result result = run("-l", login, "-r", List.of("echo", "paired"), "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("paired\n", result.stdout());
        assertEquals(1, result.stderrLines().size(), result.stderr());
        assertTrue(result.stderrLines().getFirst().matches("netpipe socketpipe: ignored a connection from 127\\.0\\.0\\.1:\\d+: " +
            "it is not the netpipe started by the login command"), result.stderr());
    }

    @Test
    void shouldGiveTheLoginCommandDevNullAndNoStdoutWithBatch() throws Exception
    {
        final Path seen = dir.resolve("login-stdio.txt");
        final List<String> login = List.of("sh", "-c",
            "readlink /proc/$$/fd/0 > \"$0\"; [ -e /proc/$$/fd/1 ] || echo closed >> \"$0\"; exec \"$@\"", seen.toString());

        final SocketpipeProcess.Result result = run("-b", "-i", List.of("true"), "-l", login, "-r", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("/dev/null\nclosed\n", Files.readString(seen));
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

    private static boolean ipv6Loopback()
    {
        try (ServerSocket probe = new ServerSocket())
        {
            probe.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            return true;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }
}
