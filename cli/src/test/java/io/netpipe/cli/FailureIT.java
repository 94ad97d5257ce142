package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What happens when a process dies mid-stream: the others finish or fail loudly, never with a truncated success. */
class FailureIT
{
    private static final Pattern LOST_LINE = Pattern.compile("netpipe send: receiver \\d+ \\(.*\\) lost: silent for \\d+ s");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldFinishOthersAndNameReceiverKilledMidStream() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 64L << 20, 3);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process a = session.receiver("a", false);
            final Process victim = session.receiver("victim", false);
            final Process c = session.receiver("c", false);
            final Process sender = session.sender(3, input, "--rate", "16M", "--drop-after", "2s");
            Processes.await("the victim to write 8 MiB", Duration.ofSeconds(30), () -> Processes.size(session.out("victim")) > 8 << 20);
            victim.destroyForcibly();
            final long killedNs = System.nanoTime();

            Processes.await("the sender to name the lost receiver", Duration.ofSeconds(2 + 4),
                () -> Processes.lines(session.err("sender")).stream().anyMatch(l -> LOST_LINE.matcher(l).matches()));
            assertTrue(System.nanoTime() - killedNs < Duration.ofSeconds(6).toNanos());
            assertEquals(ExitCodes.RECEIVERS_LOST, Processes.exitCode(sender, Duration.ofSeconds(30)));
            assertEquals(0, Processes.exitCode(a, Duration.ofSeconds(10)));
            assertEquals(0, Processes.exitCode(c, Duration.ofSeconds(10)));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("a")));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("c")));
        }
    }

    @Test
    @Timeout(120)
    void shouldFailEveryReceiverWhenSenderKilledMidStream() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 64L << 20, 4);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final List<Process> receivers = List.of(session.receiver("a", false, "--sender-timeout", "3s"),
                session.receiver("b", false, "--sender-timeout", "3s"));
            final Process sender = session.sender(2, input, "--rate", "16M");
            Processes.await("receiver a to write 8 MiB", Duration.ofSeconds(30), () -> Processes.size(session.out("a")) > 8 << 20);
            sender.destroyForcibly();

            for (final String name : List.of("a", "b"))
            {
                final Process receiver = receivers.get(name.equals("a") ? 0 : 1);
                assertEquals(ExitCodes.INCOMPLETE, Processes.exitCode(receiver, Duration.ofSeconds(10)), name);
                assertTrue(Processes.lines(session.err(name)).stream()
                        .anyMatch(l -> l.startsWith("netpipe recv: the sender has been silent for")),
                    () -> name + " said: " + Processes.lines(session.err(name)));
            }
        }
    }
}
