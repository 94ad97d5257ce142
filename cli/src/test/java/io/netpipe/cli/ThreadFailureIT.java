package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure on a thread other than the protocol agent's (an unexpected exception in the sender's reader or a
 * receiver's writer, injected with {@code NETPIPE_FAULT}) ends the command with exit 1 and one line naming the
 * thread and the cause, and the other side is told rather than left waiting.
 */
class ThreadFailureIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldEndSenderWithOneLineWhenItsReaderFails() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 1 << 20, 5);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            session.env(Map.of("NETPIPE_FAULT", "reader"));
            final Process sender = session.sender(1, input);

            assertEquals(ExitCodes.INTERNAL, Processes.exitCode(sender, Duration.ofSeconds(20)));
            final List<String> err = Processes.lines(session.err("sender"));
            assertEquals(1, err.size(), () -> "stderr: " + err);
            assertTrue(err.getFirst().startsWith("netpipe send: internal error: the netpipe-reader thread failed: " +
                "java.lang.IllegalStateException: injected fault (NETPIPE_FAULT=reader)"), err.getFirst());
        }
    }

    @Test
    @Timeout(120)
    void shouldEndReceiverWithOneLineWhenItsWriterFailsAndTellTheSender() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 8 << 20, 6);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process good = session.receiver("good", false);
            session.env(Map.of("NETPIPE_FAULT", "writer"));
            final Process faulty = session.receiver("faulty", false);
            session.env(Map.of());
            final Process sender = session.sender(2, input);

            assertEquals(ExitCodes.INTERNAL, Processes.exitCode(faulty, Duration.ofSeconds(60)));
            final List<String> err = Processes.lines(session.err("faulty"));
            assertEquals(1, err.size(), () -> "stderr: " + err);
            assertTrue(err.getFirst().startsWith("netpipe recv: internal error: the netpipe-writer thread failed: " +
                "java.lang.IllegalStateException: injected fault (NETPIPE_FAULT=writer)"), err.getFirst());
            assertEquals(ExitCodes.RECEIVERS_LOST, Processes.exitCode(sender, Duration.ofSeconds(30)));
            assertTrue(Processes.lines(session.err("sender")).stream().anyMatch(l -> l.contains("lost: failed: " +
                "internal error: the netpipe-writer thread failed: java.lang.IllegalStateException: injected fault")),
                () -> "sender said: " + Processes.lines(session.err("sender")));
            assertEquals(0, Processes.exitCode(good, Duration.ofSeconds(10)));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("good")));
        }
    }
}
