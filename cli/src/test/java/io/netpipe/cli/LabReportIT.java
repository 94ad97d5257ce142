package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a lab run (three receivers in their own network namespaces, broadcast) in which one receiver is
 * killed mid-stream: the sender's report names that receiver, by address, as lost with its reason, and the others
 * as done with the stream's digest; every report passes the schema. The lab is removed afterwards, also on failure.
 */
class LabReportIT
{
    private static final int RECEIVERS = 3;
    private static final int VICTIM = 2;

    @TempDir
    Path tmp;

    private LabFixture lab;

    @BeforeEach
    void createLab() throws IOException
    {
        LabFixture.assumeLabAvailable();
        LabFixture.removeStaleLabs();
        lab = new LabFixture("nprpt", "10.213.47", Files.createDirectories(Path.of("target", "lab-logs",
            "LabReportIT")));
    }

    @AfterEach
    void removeLab()
    {
        if (null != lab)
        {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldNameTheKilledReceiverWithItsReasonInTheSendersReport() throws Exception
    {
        lab.up(RECEIVERS);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 48L << 20);
        final String expected = LabFixture.sha256(file);
        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= RECEIVERS; i++)
        {
            receivers.add(lab.recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString(),
                "--report", tmp.resolve("rx" + i + ".json").toString()));
        }
        final Path report = tmp.resolve("tx.json");
        final Process sender = lab.send("-n", Integer.toString(RECEIVERS), "--dest", lab.broadcastAddress(), "--rate",
            "16M", "--drop-after", "2s", "--report", report.toString(), file.toString());

        final Path victimOut = tmp.resolve("rx" + VICTIM + ".out");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(victimOut) && Files.size(victimOut) >= (4L << 20)))
        {
            assertTrue(System.nanoTime() < deadline, "receiver " + VICTIM + " got no 4 MiB in 60 s" +
                lab.stderrTails("tx", "rx" + VICTIM));
            assertTrue(sender.isAlive(), "sender ended before the victim was killed" + lab.stderrTails("tx"));
            Thread.sleep(20);
        }
        receivers.get(VICTIM - 1).destroyForcibly().waitFor();

        assertEquals(ExitCodes.RECEIVERS_LOST, LabFixture.await(sender, 120), "sender exit code" + lab.stderrTails("tx"));
        final JsonNode sent = ReportCheck.check(report);
        assertEquals("receivers_lost", sent.get("outcome").asText());
        assertEquals(ExitCodes.RECEIVERS_LOST, sent.get("exitCode").asInt());
        assertEquals(expected, sent.get("digest").asText());
        assertEquals(RECEIVERS, sent.get("receivers").size());
        for (final JsonNode r : sent.get("receivers"))
        {
            final boolean victim = r.get("address").asText().startsWith(lab.receiverAddress(VICTIM) + ":");
            assertEquals(victim ? "lost" : "done", r.get("outcome").asText(), r.toString());
            if (victim)
            {
                assertTrue(r.get("reason").asText().matches("silent for \\d+ s"), r.toString());
                assertTrue(r.get("bytes").asLong() < 48L << 20, r.toString());
            }
        }
        for (int i = 1; i <= RECEIVERS; i++)
        {
            if (i == VICTIM)
            {
                continue;
            }
            assertEquals(0, LabFixture.await(receivers.get(i - 1), 30), "receiver " + i + lab.stderrTails("rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")));
            final JsonNode received = ReportCheck.check(tmp.resolve("rx" + i + ".json"));
            assertEquals("complete", received.get("outcome").asText());
            assertEquals(expected, received.get("digest").asText());
            assertEquals(sent.get("session").asText(), received.get("session").asText());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldTellAReceiverCutOffAndBackThatItWasDroppedAndWhy() throws Exception
    {
        lab.up(RECEIVERS);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 96L << 20);
        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= RECEIVERS; i++)
        {
            receivers.add(lab.recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString(),
                "--sender-timeout", "60s", "--report", tmp.resolve("rx" + i + ".json").toString()));
        }
        final Path report = tmp.resolve("tx.json");
        final Process sender = lab.send("-n", Integer.toString(RECEIVERS), "--dest", lab.broadcastAddress(), "--rate",
            "8M", "--drop-after", "2s", "--report", report.toString(), file.toString());
        final Path victimOut = tmp.resolve("rx" + VICTIM + ".out");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(victimOut) && Files.size(victimOut) >= (2L << 20)))
        {
            assertTrue(System.nanoTime() < deadline, "receiver " + VICTIM + " got no 2 MiB in 60 s" +
                lab.stderrTails("tx", "rx" + VICTIM));
            Thread.sleep(20);
        }

        lab.linkDown(VICTIM);
        while (!lab.stderr("tx").contains(lab.receiverAddress(VICTIM) + ") lost: silent for"))
        {
            assertTrue(System.nanoTime() < deadline && sender.isAlive(), "the sender dropped no one" +
                lab.stderrTails("tx"));
            Thread.sleep(20);
        }
        lab.linkUp(VICTIM);

        assertEquals(ExitCodes.INCOMPLETE, LabFixture.await(receivers.get(VICTIM - 1), 60),
            "the victim's exit code" + lab.stderrTails("tx", "rx" + VICTIM));
        assertTrue(lab.stderr("rx" + VICTIM).lines().anyMatch(l -> l.matches(
            "netpipe recv: dropped by the sender: silent for \\d+ s")), lab.stderrTails("rx" + VICTIM));
        final JsonNode victim = ReportCheck.check(tmp.resolve("rx" + VICTIM + ".json"));
        assertEquals("incomplete", victim.get("outcome").asText());
        assertTrue(victim.get("reason").asText().startsWith("dropped by the sender: silent for "), victim.toString());
        assertEquals(ExitCodes.RECEIVERS_LOST, LabFixture.await(sender, 120), "sender exit code" + lab.stderrTails("tx"));
        final JsonNode sent = ReportCheck.check(report);
        assertEquals("lost", sent.get("receivers").get(victim(sent)).get("outcome").asText());
        for (int i = 1; i <= RECEIVERS; i++)
        {
            if (i != VICTIM)
            {
                assertEquals(0, LabFixture.await(receivers.get(i - 1), 30), "receiver " + i + lab.stderrTails("rx" + i));
            }
        }
    }

    private int victim(final JsonNode sent)
    {
        for (int i = 0; i < sent.get("receivers").size(); i++)
        {
            if (sent.get("receivers").get(i).get("address").asText().startsWith(lab.receiverAddress(VICTIM) + ":"))
            {
                return i;
            }
        }
        throw new AssertionError("no receiver at " + lab.receiverAddress(VICTIM) + " in " + sent);
    }
}
