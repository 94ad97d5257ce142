package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that stops running for a while (a starved host, here SIGSTOP) is late, not dead: stopped for 3 s,
 * thirty of its report intervals but less than the sender's limit, then continued, it completes byte-identical and
 * nobody is dropped.
 */
class StoppedReceiverIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final long STOPPED_NS = 3_000_000_000L;

    @TempDir
    Path dir;

    private static void signal(final Process process, final String signal) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, kill.exitValue(), "kill -" + signal);
    }

    @Test
    @Timeout(120)
    void shouldCompleteAReceiverStoppedForLessThanTheLimit() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 32L << 20, 14);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process a = session.receiver("a", false);
            final Process stopped = session.receiver("stopped", false);
            final Process c = session.receiver("c", false);
            final Process sender = session.sender(3, input, "--rate", "16M");
            Processes.await("the receiver to write 4 MiB", Duration.ofSeconds(30),
                () -> Processes.size(session.out("stopped")) > 4 << 20);
            signal(stopped, "STOP");
            try
            {
                LockSupport.parkNanos(STOPPED_NS); // the scenario: how long the receiver does not run
            }
            finally
            {
                signal(stopped, "CONT");
            }

            assertEquals(0, Processes.exitCode(sender, EXIT),
                () -> String.join("\n", Processes.lines(session.err("sender"))));
            final String expected = Processes.sha256(input);
            final List<String> names = List.of("a", "stopped", "c");
            final List<Process> receivers = List.of(a, stopped, c);
            for (int i = 0; i < names.size(); i++)
            {
                final String name = names.get(i);
                assertEquals(0, Processes.exitCode(receivers.get(i), EXIT),
                    String.join("\n", Processes.lines(session.err(name))));
                assertEquals(expected, Processes.sha256(session.out(name)), "receiver " + name);
            }
        }
    }
}
