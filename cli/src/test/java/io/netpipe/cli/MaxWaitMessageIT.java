package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender whose {@code --max-wait} ends with nobody joined says what it heard instead: here a receiver of another
 * {@code --session} that still follows an earlier sender (killed) on the same port, with its source address, and
 * where it sent (destination, ports, interface).
 */
class MaxWaitMessageIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldListAReceiverOfAnotherSessionWhenMaxWaitEnds() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 1L << 20, 21);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process other = session.receiver("other", false, "--session", "lab-b", "--sender-timeout", "60s");
            session.env(Map.of("NETPIPE_TRACE", "1"));
            final Process earlier = session.sender(2, input, "--session", "lab-b");
            Processes.await("the lab-b receiver to join the earlier sender", Duration.ofSeconds(30),
                () -> Processes.lines(session.err("sender")).stream().anyMatch(l -> l.endsWith(" joined")));
            earlier.destroyForcibly().waitFor();
            session.env(Map.of());

            final Path report = dir.resolve("a.json");
            final Process sender = Processes.start(List.of("send", "-n", "1", "--max-wait", "2s", "--session", "lab-a",
                "--dest", LoopbackSession.BROADCAST, "--port", String.valueOf(session.port()), "--report",
                report.toString()), Map.of(), input, dir.resolve("a.out"), dir.resolve("a.err"));

            assertEquals(ExitCodes.TIMEOUT, Processes.exitCode(sender, EXIT));
            final List<String> err = Processes.lines(dir.resolve("a.err"));
            assertEquals(1, err.size(), () -> String.join("\n", err));
            final String line = err.getFirst();
            assertTrue(line.startsWith("netpipe send: only 0 of 1 receivers joined within 2.0 s, sending to " +
                LoopbackSession.BROADCAST + " port " + session.port() + ", feedback on port " + (session.port() + 1) +
                "; heard "), line);
            assertTrue(line.matches(".*heard \\d+ datagrams? of another session \\(id [0-9a-f]{8}\\) from 127\\.0\\.0\\.1:" +
                session.port() + ".*"), line);
            assertTrue(line.endsWith("; no --interface given (the routing table picks)"), line);
            final JsonNode json = ReportCheck.check(report);
            assertEquals("timeout", json.get("outcome").asText());
            assertEquals("other_session", json.get("heard").get(0).get("kind").asText());
            assertEquals("127.0.0.1:" + session.port(), json.get("heard").get(0).get("source").asText());
            other.destroyForcibly();
        }
    }
}
