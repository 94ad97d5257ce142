package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11's must-holds 1, 2 and 5 in the lab: a third host sniffs a session (two receivers, the sender paused
 * mid-stream on its input) and forges frames with the session's id and a valid CRC. Without a key nothing it sends
 * makes a receiver exit 0 with a stream that is not the sender's, nor the sender report such a receiver complete;
 * with {@code --key-file} the session completes byte-identical and the forgeries are counted.
 */
class AttackLabIT extends AttackLab
{
    private static final Pattern DROPPED = Pattern.compile("dropped ([0-9]+) forged or foreign datagrams");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    private Path input;
    private Feed feed;
    private Process sender;
    private final List<Process> receivers = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    @Override
    String labName()
    {
        return "npattack";
    }

    @Override
    String labNet()
    {
        return "10.213.41";
    }

    /** Starts the forger, two receivers and a sender paused after 2 MiB of 8; returns what the forger learned. */
    private long startPausedSession(final String... extra) throws Exception
    {
        startForger();
        input = LabFixture.randomFile(tmp.resolve("data"), 8L << 20);
        feed = new Feed(tmp, input, 2L << 20);
        for (int i = 1; i <= 2; i++)
        {
            final Path out = tmp.resolve("rx" + i + ".out");
            outputs.add(out);
            final List<String> args = new ArrayList<>(List.of("--port", Integer.toString(PORT), "-o", out.toString()));
            args.addAll(List.of(extra));
            receivers.add(lab.recv(i, Path.of("/dev/null"), args.toArray(String[]::new)));
        }
        final List<String> args = new ArrayList<>(List.of("-n", "2", "--port", Integer.toString(PORT), "--dest",
            lab.broadcastAddress()));
        args.addAll(List.of(extra));
        args.add(feed.fifo.toString());
        sender = lab.send(args.toArray(String[]::new));
        // 2 MiB is 1,445 packets: the forger has heard most of them, the sender waits for more input. In a keyed
        // session it cannot read their sequences (the body is encrypted): it counts datagrams, and takes 2 MiB.
        forger.await(l -> Long.parseLong(l.split(" ")[6]) >= 1300, 60);
        final long learned = Long.parseLong(forger.ask("learned").split(" ")[4]);
        return learned >= 1000 && learned < 1445 ? learned : (2L << 20) / PAYLOAD - 1;
    }

    /** DATA, EOF (empty, a prefix's digest, impossible counts), HEARTBEAT and BYE, with the session's id. */
    private void forgeSenderFrames(final long highest) throws Exception
    {
        final long packets = highest + 1;
        forger.ask("eof 0 0 " + EMPTY_SHA256);
        forger.ask("eof " + packets + " " + packets * PAYLOAD + " " + prefixDigest(input, packets * PAYLOAD));
        forger.ask("eof " + (packets + 5) + " " + (packets + 5) * PAYLOAD + " " + EMPTY_SHA256);
        forger.ask("data " + (highest + 2) + " " + PAYLOAD);
        forger.ask("data 0 " + PAYLOAD);
        forger.ask("heartbeat " + MAX);
        forger.ask("heartbeat " + packets);
        forger.ask("bye 2 65535 fake_\\e[32mSHA-256_verified");
        forger.ask("bye 1 65535");
    }

    private void assertAllComplete(final String expected) throws Exception
    {
        assertEquals(0, LabFixture.await(sender, 120), "sender" + lab.stderrTails("tx", "rx1", "rx2"));
        for (int i = 0; i < receivers.size(); i++)
        {
            final String name = "rx" + (i + 1);
            assertEquals(0, LabFixture.await(receivers.get(i), 60), name + lab.stderrTails("tx", name));
            assertEquals(expected, LabFixture.sha256(outputs.get(i)), name + "'s data");
        }
    }

    /** @return the forgeries a receiver's summary line says it dropped. */
    private long dropped(final int receiver)
    {
        final Matcher m = DROPPED.matcher(lab.stderr("rx" + receiver));
        assertTrue(m.find(), "rx" + receiver + "'s summary counts the forgeries" + lab.stderrTails("rx" + receiver));
        return Long.parseLong(m.group(1));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldIgnoreSenderFramesForgedByAThirdHostWithoutAKey() throws Exception
    {
        final long highest = startPausedSession();
        forgeSenderFrames(highest);
        feed.release();
        assertAllComplete(LabFixture.sha256(input));
        assertTrue(dropped(1) >= 9 && dropped(2) >= 9, lab.stderrTails("rx1", "rx2"));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldNeverCompleteWronglyOnSenderFramesForgedFromTheSendersAddressWithoutAKey() throws Exception
    {
        final long highest = startPausedSession();
        spoof(lab.senderAddress());
        // A forged DATA from the sender's own address is indistinguishable without a key: the receivers may fail,
        // but never exit 0 with the wrong stream (the prefix EOF has a test of its own).
        forger.ask("eof 0 0 " + EMPTY_SHA256);
        forger.ask("eof " + (highest + 100_000) + " " + (highest + 100_000) * PAYLOAD + " " + EMPTY_SHA256);
        forger.ask("data " + (highest + 2) + " " + PAYLOAD);
        forger.ask("heartbeat " + MAX);
        forger.ask("bye 2 65535 fake_\\e[32mSHA-256_verified");
        feed.release();
        assertNoFalseSuccess(sender, receivers, outputs, LabFixture.sha256(input));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCompleteAKeyedSessionWhateverAHostWithTheSendersAddressForges() throws Exception
    {
        final long highest = startPausedSession("--key-file", keyFile().toString());
        spoof(lab.senderAddress());
        forgeSenderFrames(highest);
        feed.release();
        assertAllComplete(LabFixture.sha256(input));
        assertTrue(dropped(1) >= 9 && dropped(2) >= 9, lab.stderrTails("rx1", "rx2"));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldNeverCompleteOnAPrefixEofAndByeFromTheSendersAddressWithoutAKey() throws Exception
    {
        final long highest = startPausedSession();
        spoof(lab.senderAddress());
        // Everything sent so far, while the sender waits for input: its digest is public (the data went by).
        final long packets = highest + 1;
        final long bytes = Math.min(packets * PAYLOAD, 2L << 20);
        forger.ask("eof " + packets + " " + bytes + " " + prefixDigest(input, bytes));
        for (final Path out : outputs)
        {
            awaitSize(out, bytes);
        }
        // The BYE that would end a session with the prefix: it cannot carry the receivers' tokens.
        for (final String to : List.of("65535", "0", "1"))
        {
            forger.ask("bye 1 " + to + " complete");
        }
        feed.release();
        assertNoFalseSuccess(sender, receivers, outputs, LabFixture.sha256(input));
        for (int i = 1; i <= 2; i++)
        {
            assertTrue(!lab.stderr("rx" + i).contains("ended the session"), "a forged BYE ended rx" + i +
                lab.stderrTails("rx" + i));
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldNeitherHangNorReportGhostsCompleteOnAJoinFloodWhileSeeking() throws Exception
    {
        startForger();
        input = LabFixture.randomFile(tmp.resolve("data"), 1L << 20);
        sender = lab.send("-n", "2", "--port", Integer.toString(PORT), "--dest", lab.broadcastAddress(),
            input.toString());
        forger.await(l -> !"0".equals(l.split(" ")[1]), 60);
        // 300 ghosts ask to join before the real receivers do (from the attacker's own address).
        forger.ask("join 300");
        for (int i = 1; i <= 2; i++)
        {
            outputs.add(tmp.resolve("rx" + i + ".out"));
            receivers.add(lab.recv(i, Path.of("/dev/null"), "--port", Integer.toString(PORT), "--timeout", "20s",
                "-o", outputs.getLast().toString()));
        }
        final int rc = LabFixture.await(sender, 120);
        assertTrue(rc >= 0, "the sender hung" + lab.stderrTails("tx"));
        final String expected = LabFixture.sha256(input);
        boolean all = true;
        for (int i = 0; i < 2; i++)
        {
            final String name = "rx" + (i + 1);
            final int code = LabFixture.await(receivers.get(i), 60);
            final boolean identical = Files.exists(outputs.get(i)) &&
                expected.equals(LabFixture.sha256(outputs.get(i)));
            assertTrue(code == 0 ? identical : code == ExitCodes.TIMEOUT || code == ExitCodes.INCOMPLETE,
                name + " exited " + code + lab.stderrTails("tx", name));
            all &= code == 0 && identical;
        }
        // Ghosts never confirm: the sender drops them and says so; it never calls them complete.
        assertTrue(rc == 0 ? all : rc == ExitCodes.RECEIVERS_LOST && lab.stderr("tx").contains("lost"),
            "sender exited " + rc + lab.stderrTails("tx"));
    }

    /** Forged STATUS (DONE before the end, FAILED, impossible positions and windows) and a JOIN flood. */
    private void forgeFeedback(final long highest) throws Exception
    {
        forger.ask("join 300");
        forger.ask("status 1 " + (highest + 1) + " " + (highest + 1000) + " 3");
        forger.ask("status 1 " + MAX + " " + MAX + " 3");
        forger.ask("status 0 " + MAX + " " + MAX + " 3");
        forger.ask("status 0 0 " + MAX + " 3");
        forger.ask("status 2 0 0 3");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldNeverReportAReceiverCompleteOnForgedFeedbackWithoutAKey() throws Exception
    {
        final long highest = startPausedSession();
        forgeFeedback(highest);
        // From a receiver's own address the sender cannot tell; it must still not call anyone complete wrongly.
        spoof(lab.receiverAddress(1));
        forgeFeedback(highest);
        feed.release();
        assertNoFalseSuccess(sender, receivers, outputs, LabFixture.sha256(input));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldIgnoreForgedFeedbackInAKeyedSession() throws Exception
    {
        final long highest = startPausedSession("--key-file", keyFile().toString());
        forgeFeedback(highest);
        spoof(lab.receiverAddress(1));
        forgeFeedback(highest);
        feed.release();
        assertAllComplete(LabFixture.sha256(input));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldSurviveOneDatagramOfExtremeValuesOfEachFrameType() throws Exception
    {
        startPausedSession();
        forger.ask("status 255 " + MAX + " " + MAX + " 1");
        forger.ask("join 1 " + Integer.MAX_VALUE);
        spoof(lab.senderAddress());
        final String zeros = "00".repeat(32);
        forger.ask("data " + MAX + " " + PAYLOAD);
        forger.ask("data -1 1");
        forger.ask("eof " + MAX + " " + MAX + " " + zeros);
        forger.ask("eof -1 -1 " + zeros);
        forger.ask("heartbeat " + MAX + " " + MAX + " -1");
        forger.ask("heartbeat -1 -1 -1");
        forger.ask("bye 255 65534 " + "x".repeat(255));
        forger.ask("announce 255 65535 -1 8000");
        forger.ask("announce 3 576 -1 0");
        feed.release();
        assertAllComplete(LabFixture.sha256(input));
    }
}
