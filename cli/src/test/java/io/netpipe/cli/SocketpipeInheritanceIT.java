package io.netpipe.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What socketpipe's commands inherit from the shell that started netpipe, through {@code -l { env }}: signals the
 * shell ignored stay ignored (nohup), and a standard descriptor the shell closed is /dev/null, never a file the JVM
 * opened for itself.
 */
@Timeout(60)
class SocketpipeInheritanceIT
{
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final List<String> ENV = List.of("env");
    /** Each command sends itself SIGHUP, then carries on only if the signal is ignored. */
    private static final String HUP_SELF = "kill -HUP $$; ";

    @TempDir
    Path dir;

    @Test
    void shouldKeepSighupIgnoredUnderNohupInEveryCommand() throws Exception
    {
        final SocketpipeProcess.Result result = run("trap '' HUP; exec \"$@\"",
            "-i", List.of("sh", "-c", HUP_SELF + "echo input"), "-l", ENV,
            "-r", List.of("sh", "-c", HUP_SELF + "cat; echo remote"), "-o", List.of("sh", "-c", HUP_SELF + "cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("input\nremote\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void shouldStillResetSignalsTheShellDidNotIgnore() throws Exception
    {
        final SocketpipeProcess.Result result = run("exec \"$@\"", "-l", ENV, "-r", List.of("echo", "x"),
            "-o", List.of("sh", "-c", "kill -HUP $$; echo survived"));

        assertEquals(128 + 1, result.exitCode(), result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void shouldGiveTheCommandsDevNullForAClosedStdin() throws Exception
    {
        final SocketpipeProcess.Result result = run("exec \"$@\" <&-",
            "-i", List.of("sh", "-c", "readlink /proc/self/fd/0; head -c 5"), "-l", ENV, "-r", List.of("cat"),
            "-o", List.of("cat"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("/dev/null\n", result.stdout());
    }

    @Test
    void shouldGiveTheCommandsDevNullForAClosedStdout() throws Exception
    {
        final SocketpipeProcess.Result result = run("exec \"$@\" >&-", "-l", ENV, "-r", List.of("echo", "x"),
            "-o", List.of("sh", "-c", "cat >/dev/null; [ /proc/$$/fd/1 -ef /dev/null ] && echo /dev/null >&2; true"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("/dev/null\n", result.stderr());
    }

    @Test
    void shouldGiveTheCommandsDevNullForAClosedStderr() throws Exception
    {
        final SocketpipeProcess.Result result = run("exec \"$@\" 2>&-", "-l", ENV, "-r", List.of("echo", "x"),
            "-o", List.of("sh", "-c", "cat; readlink /proc/self/fd/2"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("x\n/dev/null\n", result.stdout());
    }

    /** Runs netpipe socketpipe through {@code sh -c SCRIPT}, whose script ends by running netpipe. */
    private SocketpipeProcess.Result run(final String script, final Object... parts) throws Exception
    {
        return SocketpipeProcess.run(dir, LIMIT, List.of("sh", "-c", script, "sh"), words(parts), Map.of());
    }
}
