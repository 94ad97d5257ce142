package io.netpipe.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Prober and responder driven by hand with a fake clock: no sockets, no threads. */
class ExchangeTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final InetSocketAddress DEST = address("10.213.7.255", 9000);
    private static final InetSocketAddress SENDER = address("10.213.7.1", 9001);
    private static final InetSocketAddress PEER = address("10.213.7.11", 9000);

    private static InetSocketAddress address(final String ip, final int port)
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Finding.Level worst(final List<Finding> findings)
    {
        return findings.stream().map(Finding::level).max(Enum::compareTo).orElse(Finding.Level.OK);
    }

    @Test
    void shouldProbeEveryIntervalAndStopAtDeadline()
    {
        final Prober prober = new Prober(DEST, 42, "tx", 0, 3 * SECOND, 0);
        int probes = 0;
        for (long now = 0; !prober.done(now); now += MS)
        {
            for (final Party.Outgoing o : prober.poll(now))
            {
                assertEquals(DEST, o.to());
                assertEquals(CheckFrame.Type.PROBE, o.frame().type());
                probes++;
            }
        }
        assertEquals(30, probes);
        assertEquals(Finding.Level.WARNING, worst(prober.findings()));
    }

    @Test
    void shouldConfirmAnswerAndFinishWhenExpectedPeersAnswered()
    {
        final Prober prober = new Prober(DEST, 42, "tx", 0, 3 * SECOND, 1);
        prober.poll(0);
        final List<Party.Outgoing> reply = prober.onFrame(new CheckFrame(CheckFrame.Type.ANSWER, 42, 99, "rx1"), PEER, 2 * MS);
        assertEquals(List.of(new Party.Outgoing(PEER, new CheckFrame(CheckFrame.Type.CONFIRM, 42, 99, "tx"))), reply);
        assertTrue(prober.done(2 * MS));
        assertEquals(Finding.Level.OK, worst(prober.findings()));
        assertTrue(prober.findings().get(0).text().contains("peer 'rx1' (10.213.7.11) heard the probe to 10.213.7.255" +
            " port 9000 and its answer came back to port 9001 (2.0 ms)"), prober.findings().toString());
    }

    @Test
    void shouldIgnoreAnswersToAnotherProbe()
    {
        final Prober prober = new Prober(DEST, 42, "tx", 0, SECOND, 1);
        assertEquals(List.of(), prober.onFrame(new CheckFrame(CheckFrame.Type.ANSWER, 41, 99, "rx1"), PEER, 0));
        assertFalse(prober.done(0));
        assertTrue(prober.done(SECOND));
        assertEquals(Finding.Level.FAIL, worst(prober.findings()));
    }

    @Test
    void shouldBoundConfirmsToAFloodOfAnswers()
    {
        final Prober prober = new Prober(DEST, 42, "tx", 0, SECOND, 0);
        int confirms = 0;
        for (int i = 0; i < 1000; i++)
        {
            confirms += prober.onFrame(new CheckFrame(CheckFrame.Type.ANSWER, 42, i % 3, "rx"), PEER, 0).size();
        }
        assertEquals(3 * Prober.MAX_CONFIRMS, confirms);
    }

    @Test
    void shouldAnswerToFeedbackPortAndFinishOnConfirm()
    {
        final Responder responder = new Responder(9000, 7, "rx1", 0, 60 * SECOND);
        final List<Party.Outgoing> answer = responder.onFrame(new CheckFrame(CheckFrame.Type.PROBE, 42, 0, "tx"),
            SENDER, MS);
        assertEquals(List.of(new Party.Outgoing(SENDER, new CheckFrame(CheckFrame.Type.ANSWER, 42, 7, "rx1"))), answer);
        assertFalse(responder.done(MS));
        responder.onFrame(new CheckFrame(CheckFrame.Type.CONFIRM, 42, 7, "tx"), SENDER, 2 * MS);
        assertTrue(responder.done(2 * MS));
        assertEquals(Finding.Level.OK, worst(responder.findings()));
    }

    @Test
    void shouldFailWhenAnswersAreNeverConfirmed()
    {
        final Responder responder = new Responder(9000, 7, "rx1", 0, 5 * SECOND);
        responder.onFrame(new CheckFrame(CheckFrame.Type.PROBE, 42, 0, "tx"), SENDER, MS);
        responder.onFrame(new CheckFrame(CheckFrame.Type.CONFIRM, 42, 8, "tx"), SENDER, 2 * MS);
        assertFalse(responder.done(2 * MS));
        assertTrue(responder.done(5 * SECOND));
        assertEquals(Finding.Level.FAIL, worst(responder.findings()));
        assertTrue(responder.findings().get(1).text().contains("never confirmed our 1 answers to its port 9001"),
            responder.findings().toString());
    }

    @Test
    void shouldFailWhenNoProbeArrives()
    {
        final Responder responder = new Responder(9000, 7, "rx1", 0, 5 * SECOND);
        assertTrue(responder.done(5 * SECOND));
        assertEquals(Finding.Level.FAIL, worst(responder.findings()));
        assertTrue(responder.findings().get(0).text().startsWith("exchange: no probe arrived on UDP port 9000 within 5.0 s"));
    }

    @Test
    void shouldBoundAnswersAndEscapeTheProbersName()
    {
        final Responder responder = new Responder(9000, 7, "rx1", 0, 5 * SECOND);
        int answers = 0;
        for (int i = 0; i < 1000; i++)
        {
            answers += responder.onFrame(new CheckFrame(CheckFrame.Type.PROBE, 42, 0, "evil\u001b]0;pwned\u0007"),
                SENDER, MS).size();
        }
        assertEquals(Responder.MAX_ANSWERS, answers);
        assertTrue(responder.findings().stream().noneMatch(f -> f.text().chars().anyMatch(c -> c < 0x20)));
        assertTrue(responder.findings().get(0).text().contains("'evil\\x1b]0;pwned\\x07'"), responder.findings().toString());
    }
}
