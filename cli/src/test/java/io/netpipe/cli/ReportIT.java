package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --report} with real processes on loopback: written on success and on failure, always valid. */
class ReportIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldReportACompleteTransferOnBothEnds() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 8L << 20, 11);
        final String sha = Processes.sha256(input);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process a = session.receiver("a", false, "--report", dir.resolve("a.json").toString());
            final Process b = session.receiver("b", false, "-o", dir.resolve("b.data").toString(), "--report", "-");
            final Process sender = session.sender(2, input, "--report", "-", "--session", "report-it");

            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            assertEquals(0, Processes.exitCode(a, EXIT));
            assertEquals(0, Processes.exitCode(b, EXIT));
            assertEquals(sha, Processes.sha256(session.out("a")));
            assertEquals(sha, Processes.sha256(dir.resolve("b.data")));

            final JsonNode sent = ReportCheck.check(dir.resolve("sender.out"));
            assertEquals("complete", sent.get("outcome").asText());
            assertEquals(0, sent.get("exitCode").asInt());
            assertEquals(8L << 20, sent.get("bytes").asLong());
            assertEquals(sha, sent.get("digest").asText());
            assertEquals("report-it", sent.get("sessionName").asText());
            assertEquals(LoopbackSession.BROADCAST + ":" + session.port(), sent.get("sender").get("destination").asText());
            assertEquals(2, sent.get("receivers").size());
            for (final JsonNode r : sent.get("receivers"))
            {
                assertEquals("done", r.get("outcome").asText());
                assertTrue(r.get("reason").isNull());
            }
            for (final JsonNode received : List.of(ReportCheck.check(dir.resolve("a.json")),
                ReportCheck.check(session.out("b"))))
            {
                assertEquals("complete", received.get("outcome").asText());
                assertEquals(sha, received.get("digest").asText());
                assertEquals(sent.get("session").asText(), received.get("session").asText());
                assertEquals(8L << 20, received.get("bytes").asLong());
                assertTrue(received.get("sender").asText().endsWith(":" + (session.port() + 1)));
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldReportAReceiverThatFoundNoSession() throws Exception
    {
        final Path report = dir.resolve("r.json");
        final Process recv = Processes.start(List.of("recv", "--port", String.valueOf(Processes.freePortPair()),
            "--timeout", "1s", "-o", dir.resolve("x").toString(), "--report", report.toString()), Map.of(), null,
            dir.resolve("x.out"), dir.resolve("x.err"));

        assertEquals(ExitCodes.TIMEOUT, Processes.exitCode(recv, EXIT));
        final JsonNode json = ReportCheck.check(report);
        assertEquals("timeout", json.get("outcome").asText());
        assertEquals(ExitCodes.TIMEOUT, json.get("exitCode").asInt());
        assertTrue(json.get("reason").asText().startsWith("no session found within 1.0 s"), json.toString());
        assertFalse(Files.exists(dir.resolve("x")), "-o is opened only once admitted");
    }

    @Test
    @Timeout(60)
    void shouldReportASenderThatCouldNotBindItsFeedbackPort() throws Exception
    {
        final int port = Processes.freePortPair();
        final Path report = dir.resolve("s.json");
        final Path empty = Files.createFile(dir.resolve("empty"));
        try (DatagramSocket taken = new DatagramSocket(port + 1))
        {
            final Process send = Processes.start(List.of("send", "--port", String.valueOf(port), "--dest",
                LoopbackSession.BROADCAST, "--report", report.toString()), Map.of(), empty,
                dir.resolve("s.out"), dir.resolve("s.err"));

            assertEquals(ExitCodes.IO, Processes.exitCode(send, EXIT), () -> String.join("\n", Processes.lines(dir.resolve("s.err"))));
        }
        final JsonNode json = ReportCheck.check(report);
        assertEquals("error", json.get("outcome").asText());
        assertEquals(ExitCodes.IO, json.get("exitCode").asInt());
        assertTrue(json.get("reason").asText().startsWith("cannot bind"), json.toString());
    }

    @Test
    @Timeout(60)
    void shouldRefuseReportOnStdoutWhenTheStreamGoesThere() throws Exception
    {
        final Process recv = Processes.start(List.of("recv", "--port", String.valueOf(Processes.freePortPair()),
            "--timeout", "1s", "--report", "-"), Map.of(), null, dir.resolve("x.out"), dir.resolve("x.err"));

        assertEquals(ExitCodes.USAGE, Processes.exitCode(recv, EXIT));
        assertEquals(List.of("netpipe recv: --report - needs -o FILE: without it the stream itself goes to stdout"),
            Processes.lines(dir.resolve("x.err")));
        assertEquals(0, Processes.size(dir.resolve("x.out")));
    }
}
