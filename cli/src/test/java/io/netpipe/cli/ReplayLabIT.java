package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11's must-holds 3 and 4 in the lab: a replay of a captured earlier session (keyed: rejected; unkeyed: no
 * receiver exits 0 wrongly, idle receivers go back to waiting), an ANNOUNCE followed by silence, and two concurrent
 * sessions on one port from two hosts, with and without {@code --session}.
 */
class ReplayLabIT extends AttackLab
{
    private final List<Process> receivers = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    @Override
    String labName()
    {
        return "npreplay";
    }

    @Override
    String labNet()
    {
        return "10.213.42";
    }

    private void startReceivers(final String tag, final String... extra) throws Exception
    {
        receivers.clear();
        outputs.clear();
        for (int i = 1; i <= 2; i++)
        {
            final Path out = tmp.resolve(tag + "-rx" + i + ".out");
            outputs.add(out);
            final List<String> args = new ArrayList<>(List.of("--port", Integer.toString(PORT), "--timeout", "100s",
                "-o", out.toString()));
            args.addAll(List.of(extra));
            receivers.add(lab.recv(i, Path.of("/dev/null"), args.toArray(String[]::new)));
        }
    }

    private Process send(final Path input, final String... extra) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("-n", "2", "--port", Integer.toString(PORT), "--dest",
            lab.broadcastAddress()));
        args.addAll(List.of(extra));
        args.add(input.toString());
        return lab.send(args.toArray(String[]::new));
    }

    private void assertAllComplete(final Process sender, final String expected) throws Exception
    {
        assertEquals(0, LabFixture.await(sender, 120), "sender" + lab.stderrTails("tx", "rx1", "rx2"));
        for (int i = 0; i < receivers.size(); i++)
        {
            final String name = "rx" + (i + 1);
            assertEquals(0, LabFixture.await(receivers.get(i), 60), name + lab.stderrTails("tx", name));
            assertEquals(expected, LabFixture.sha256(outputs.get(i)), name + "'s data");
        }
    }

    /** Runs a first session while the forger captures it, then marks it as what a replay sends. */
    private void captureASession(final String... extra) throws Exception
    {
        startForger();
        final Path first = LabFixture.randomFile(tmp.resolve("first"), 2L << 20);
        startReceivers("first", extra);
        assertAllComplete(send(first, extra), LabFixture.sha256(first));
        forger.ask("mark");
        forger.ask("forget");
    }

    private void awaitStderr(final String name, final Predicate<String> test) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!test.test(lab.stderr(name)))
        {
            assertTrue(System.nanoTime() - deadline < 0, name + " never said so" + lab.stderrTails(name));
            Thread.sleep(50);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRejectAReplayOfAnEarlierKeyedSession() throws Exception
    {
        final String key = keyFile().toString();
        captureASession("--key-file", key);
        final Path input = LabFixture.randomFile(tmp.resolve("data"), 8L << 20);
        final Feed feed = new Feed(tmp, input, 2L << 20);
        startReceivers("second", "--key-file", key);
        final Process sender = send(feed.fifo, "--key-file", key);
        awaitHeard(1200);
        spoof(lab.senderAddress());
        assertTrue(Integer.parseInt(forger.ask("replay").split(" ")[1]) > 1000, "the capture holds the first session");
        feed.release();
        assertAllComplete(sender, LabFixture.sha256(input));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldSendIdleReceiversBackToWaitingOnAStaleAnnounceOrAReplayWithoutAKey() throws Exception
    {
        captureASession();
        startReceivers("idle");
        awaitBound(1);
        awaitBound(2);
        // An ANNOUNCE of a session that never starts (a sender that died seeking, a stale frame): joined, then left.
        forger.ask("session 5eed0001");
        forger.ask("announce 1 1472 0 0");
        for (final String name : List.of("rx1", "rx2"))
        {
            awaitStderr(name, e -> e.contains(
                "never started (its sender fell silent); waiting for it to come back or for the next one"));
        }
        // The whole earlier session again: joined or ignored, never taken for a stream.
        forger.ask("replay");
        final Path input = LabFixture.randomFile(tmp.resolve("data"), 4L << 20);
        final Process sender = send(input);
        assertNoFalseSuccess(sender, receivers, outputs, LabFixture.sha256(input));
        assertAllComplete(sender, LabFixture.sha256(input));
        for (int i = 0; i < 2; i++)
        {
            assertTrue(Files.size(outputs.get(i)) > 0);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldCompleteTwoSessionsOnOnePortFromTwoHostsWithoutSessionNames() throws Exception
    {
        final Path a = LabFixture.randomFile(tmp.resolve("a"), 8L << 20);
        final Path b = LabFixture.randomFile(tmp.resolve("b"), 6L << 20);
        final Feed feed = new Feed(tmp, a, 2L << 20);
        final Path outA = tmp.resolve("a.out");
        final Path outB = tmp.resolve("b.out");
        final Process rxA = lab.recv(1, Path.of("/dev/null"), "--port", Integer.toString(PORT), "-o", outA.toString());
        final Process txA = lab.send("-n", "1", "--port", Integer.toString(PORT), "--dest", lab.broadcastAddress(),
            feed.fifo.toString());
        // Session A is under way (its receiver writes) before the second receiver and sender start.
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(outA) || Files.size(outA) == 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, "session A never started" + lab.stderrTails("tx", "rx1"));
            Thread.sleep(50);
        }
        final Process rxB = lab.recv(2, Path.of("/dev/null"), "--port", Integer.toString(PORT), "-o", outB.toString());
        final Process txB = lab.sendOn(ATTACKER, "tx2", "-n", "1", "--port", Integer.toString(PORT), "--dest",
            lab.broadcastAddress(), b.toString());
        assertEquals(0, LabFixture.await(txB, 120), "sender B" + lab.stderrTails("tx2", "rx2"));
        feed.release();
        assertEquals(0, LabFixture.await(txA, 120), "sender A" + lab.stderrTails("tx", "rx1"));
        assertEquals(0, LabFixture.await(rxA, 60), lab.stderrTails("rx1"));
        assertEquals(0, LabFixture.await(rxB, 60), lab.stderrTails("rx2"));
        assertEquals(LabFixture.sha256(a), LabFixture.sha256(outA));
        assertEquals(LabFixture.sha256(b), LabFixture.sha256(outB));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldCompleteTwoConcurrentSessionsOnOnePortFromTwoHostsWithSessionNames() throws Exception
    {
        final Path a = LabFixture.randomFile(tmp.resolve("a"), 8L << 20);
        final Path b = LabFixture.randomFile(tmp.resolve("b"), 6L << 20);
        final Path outA = tmp.resolve("a.out");
        final Path outB = tmp.resolve("b.out");
        final String port = Integer.toString(PORT);
        final Process txA = lab.send("-n", "1", "--port", port, "--dest", lab.broadcastAddress(), "--session", "lab-a",
            a.toString());
        final Process txB = lab.sendOn(ATTACKER, "tx2", "-n", "1", "--port", port, "--dest", lab.broadcastAddress(),
            "--session", "lab-b", b.toString());
        final Process rxB = lab.recv(2, Path.of("/dev/null"), "--port", port, "--session", "lab-b", "-o",
            outB.toString());
        final Process rxA = lab.recv(1, Path.of("/dev/null"), "--port", port, "--session", "lab-a", "-o",
            outA.toString());
        assertEquals(0, LabFixture.await(txA, 120), "sender A" + lab.stderrTails("tx", "rx1"));
        assertEquals(0, LabFixture.await(txB, 120), "sender B" + lab.stderrTails("tx2", "rx2"));
        assertEquals(0, LabFixture.await(rxA, 60), lab.stderrTails("rx1"));
        assertEquals(0, LabFixture.await(rxB, 60), lab.stderrTails("rx2"));
        assertEquals(LabFixture.sha256(a), LabFixture.sha256(outA));
        assertEquals(LabFixture.sha256(b), LabFixture.sha256(outB));
    }
}
