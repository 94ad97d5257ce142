package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 8: a relay started with {@code &} from a non-interactive script inherits SIGINT ignored
 * (POSIX), and must still stop gracefully on SIGINT.
 */
class ForwardSigintIT
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopGracefullyOnSigintWhenStartedInTheBackgroundOfAScript() throws Exception
    {
        assumeTrue(backgroundJobsIgnoreSigint(), "this bash does not ignore SIGINT in background jobs");
        try (ServerSocketChannel backend = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ForwardShell shell = new ForwardShell("\"$NETPIPE\" forward -v 0 127.0.0.1:" +
                ((InetSocketAddress)backend.getLocalAddress()).getPort() + " & echo $!; wait $!; echo \"exit $?\""))
        {
            final String pid = shell.nextStdoutLine();
            shell.port();
            final Process kill = new ProcessBuilder("kill", "-INT", pid).inheritIO().start();
            assertEquals(0, kill.waitFor());
            shell.awaitLine("stopping: 0 open connections");
            assertEquals("exit 0", shell.nextStdoutLine());
        }
    }

    /** The precondition, shown rather than assumed: a background job of {@code bash -c} has SIGINT ignored. */
    private static boolean backgroundJobsIgnoreSigint() throws IOException, InterruptedException
    {
        final Process probe = new ProcessBuilder("bash", "-c", "grep '^SigIgn:' /proc/self/status & wait")
            .redirectErrorStream(true).start();
        final String line = new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        probe.waitFor();
        final String[] words = line.trim().split("\\s+");
        // Bit 1 of the mask is signal 2, SIGINT.
        return 2 == words.length && 0 != (Long.parseLong(words[1], 16) & 0x2);
    }
}
