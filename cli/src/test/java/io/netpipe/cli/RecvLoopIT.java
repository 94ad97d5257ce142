package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recv --loop}, the lab daemon mode, as real processes on loopback broadcast ({@code 127.255.255.255},
 * explicit {@code --dest}): one receiver serves three senders in a row, each stream byte-identical (SHA-256 on
 * both ends), into {@code -o} files named by placeholders or into an {@code --exec} command; a failing command is
 * named by the sender.
 */
class RecvLoopIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final long SIZE = 3L << 20;

    @TempDir
    Path dir;

    /** Sends three different streams one after another; each sender must finish well. */
    private List<String> sendThree(final LoopbackSession session) throws Exception
    {
        final List<String> digests = new ArrayList<>();
        for (int i = 1; i <= 3; i++)
        {
            final Path input = Processes.randomFile(dir.resolve("in" + i), SIZE + i * 1000L, i);
            final Process sender = session.sender(1, input);
            assertEquals(0, Processes.exitCode(sender, EXIT),
                () -> String.join("\n", Processes.lines(session.err("sender"))));
            digests.add(Processes.sha256(input));
        }
        return digests;
    }

    @Test
    @Timeout(180)
    void shouldServeThreeSessionsInARowToFilesNamedByPlaceholders() throws Exception
    {
        final Path out = Files.createDirectory(dir.resolve("out"));
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process receiver = session.receiver("rx", false, "--loop", "--loop-count", "3",
                "-o", out.resolve("stream-{n}-{time}.img").toString());

            final List<String> sent = sendThree(session);

            assertEquals(0, Processes.exitCode(receiver, EXIT), () -> String.join("\n", Processes.lines(session.err("rx"))));
            final List<Path> files;
            try (Stream<Path> listing = Files.list(out))
            {
                files = listing.sorted().toList();
            }
            assertEquals(3, files.size(), files::toString);
            for (int i = 0; i < 3; i++)
            {
                final String name = files.get(i).getFileName().toString();
                assertTrue(name.matches("stream-" + (i + 1) + "-\\d{8}T\\d{6}Z\\.img"), name);
                assertEquals(sent.get(i), Processes.sha256(files.get(i)), name);
            }
            final List<String> err = Processes.lines(session.err("rx"));
            assertEquals(2, err.stream().filter(l -> l.startsWith("netpipe recv: waiting for the next session")).count(),
                String.join("\n", err));
        }
    }

    @Test
    @Timeout(180)
    void shouldFeedEachSessionToTheExecCommand() throws Exception
    {
        final Path digests = dir.resolve("digests");
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process receiver = session.receiver("rx", false, "--loop", "--loop-count", "3",
                "--exec", "sha256sum | cut -d' ' -f1 >> '" + digests + "'");

            final List<String> sent = sendThree(session);

            assertEquals(0, Processes.exitCode(receiver, EXIT), () -> String.join("\n", Processes.lines(session.err("rx"))));
            assertEquals(sent, Files.readAllLines(digests), "the command's SHA-256 of each stream, in order");
        }
    }

    @Test
    @Timeout(180)
    void shouldNameAFailingExecCommandAtTheSenderAndServeTheNextSession() throws Exception
    {
        final Path failOnce = Files.createFile(dir.resolve("fail-once"));
        final Path digests = dir.resolve("digests");
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            // The first session's command exits 1 without reading; the second's reads it all.
            final Process receiver = session.receiver("rx", false, "--loop", "--loop-count", "2", "--exec",
                "if [ -e '" + failOnce + "' ]; then rm '" + failOnce + "'; exit 1; fi; " +
                "sha256sum | cut -d' ' -f1 >> '" + digests + "'");

            final Path first = Processes.randomFile(dir.resolve("in1"), 8L << 20, 1);
            final Process failed = session.sender(1, first);
            assertEquals(ExitCodes.RECEIVERS_LOST, Processes.exitCode(failed, EXIT));
            final List<String> senderErr = Processes.lines(session.err("sender"));
            assertTrue(senderErr.stream().anyMatch(l -> l.startsWith("netpipe send: all receivers lost: receiver 0 (") &&
                l.endsWith(") failed: writing the output failed: exec: exit status 1")), String.join("\n", senderErr));

            final Path second = Processes.randomFile(dir.resolve("in2"), SIZE, 2);
            final Process good = session.sender(1, second);
            assertEquals(0, Processes.exitCode(good, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));

            assertEquals(ExitCodes.IO, Processes.exitCode(receiver, EXIT), "the code of the last failed session");
            assertEquals(List.of(Processes.sha256(second)), Files.readAllLines(digests));
            final List<String> rxErr = Processes.lines(session.err("rx"));
            assertTrue(rxErr.contains("netpipe recv: writing the output failed: exec: exit status 1"),
                String.join("\n", rxErr));
        }
    }
}
