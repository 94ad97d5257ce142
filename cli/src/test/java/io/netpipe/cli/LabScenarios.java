package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab scenarios of issue 3, written once and run in each delivery mode and over each transport by a subclass
 * ({@link LabBroadcastIT} and {@link LabMulticastIT} with the default transport, Linux's {@code sendmmsg} and
 * {@code recvmmsg} on both ends; {@link LabNioIT}, NIO on both ends): real processes of the
 * built jar in network namespaces, real loss from nftables, a real cable pulled. Every test removes its lab
 * afterwards, also when it fails.
 */
abstract class LabScenarios
{
    private static final Pattern SUMMARY = Pattern.compile("retransmitted ([0-9.]+)%");

    @TempDir
    Path tmp;

    LabFixture lab;

    /** @return the short name of this class's lab, letters only (distinct per class; the pid is appended). */
    abstract String prefix();

    /** @return the first three octets of this class's lab /24. */
    abstract String net();

    /**
     * @param lab the lab.
     * @return the sender's {@code --dest}: the subnet's broadcast address or a 239.x group.
     */
    abstract String dest(LabFixture lab);

    /** @return the {@code --transport} every process of the scenario runs with. */
    String transport()
    {
        return "auto";
    }

    private Process recv(final int i, final Path stdout, final String... args) throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("--transport", transport()));
        all.addAll(List.of(args));
        return lab.recv(i, stdout, all.toArray(String[]::new));
    }

    private Process send(final String... args) throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("--transport", transport()));
        all.addAll(List.of(args));
        return lab.send(all.toArray(String[]::new));
    }

    @BeforeEach
    void createLab(final TestInfo test) throws IOException
    {
        LabFixture.assumeLabAvailable();
        LabFixture.removeStaleLabs();
        // Every process's stderr is kept under target/ (not the temp dir) so a failure can be read afterwards.
        final Path logs = Path.of("target", "lab-logs", getClass().getSimpleName(),
            test.getTestMethod().map(m -> m.getName()).orElse("test"));
        lab = new LabFixture(prefix(), net(), Files.createDirectories(logs));
    }

    @AfterEach
    void removeLab()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldDeliverIdenticalStreamToEightLossyReceivers() throws Exception
    {
        final int n = 8;
        lab.up(n);
        lab.loss("all", 10);
        // 1% on each, plus 5% more on the last one: 1 - 0.99 * 0.95 = 5.95% there.
        lab.loss(Integer.toString(n), 60);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 256L << 20);
        final String expected = LabFixture.sha256(file);

        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            receivers.add(recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString()));
        }
        final Process sender = send("-n", Integer.toString(n), "--dest", dest(lab), file.toString());

        final int senderRc = LabFixture.await(sender, 200);
        assertEquals(0, senderRc, "sender exit code" + lab.stderrTails("tx"));
        assertTrue(SUMMARY.matcher(lab.stderr("tx")).find(), "sender's summary line" + lab.stderrTails("tx"));
        for (int i = 1; i <= n; i++)
        {
            final int rc = LabFixture.await(receivers.get(i - 1), 30);
            assertEquals(0, rc, "receiver " + i + " exit code" + lab.stderrTails("tx", "rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")), "receiver " + i + "'s data");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldDeliverIdenticalStreamToSixteenReceivers() throws Exception
    {
        final int n = 16;
        lab.up(n);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 64L << 20);
        final String expected = LabFixture.sha256(file);

        // Standard output this time, hashed as it arrives: nothing touches the disk.
        final List<Process> receivers = new ArrayList<>();
        final List<CompletableFuture<String>> digests = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            final Process p = recv(i, null);
            receivers.add(p);
            digests.add(LabFixture.sha256Async(p));
        }
        final Process sender = send("-n", Integer.toString(n), "--dest", dest(lab), file.toString());

        // Every receiver's last lines too: a receiver the sender lost says what it was doing.
        final String[] logs = new String[n + 1];
        logs[0] = "tx";
        for (int i = 1; i <= n; i++)
        {
            logs[i] = "rx" + i;
        }
        assertEquals(0, LabFixture.await(sender, 150), "sender exit code" + lab.stderrTails(logs));
        for (int i = 1; i <= n; i++)
        {
            final int rc = LabFixture.await(receivers.get(i - 1), 30);
            assertEquals(0, rc, "receiver " + i + " exit code" + lab.stderrTails("tx", "rx" + i));
            assertEquals(expected, digests.get(i - 1).get(10, TimeUnit.SECONDS), "receiver " + i + "'s data");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFinishOthersAndNameReceiverWhoseLinkDies() throws Exception
    {
        final int n = 4;
        final int dead = 2;
        lab.up(n);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 64L << 20);
        final String expected = LabFixture.sha256(file);

        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            receivers.add(recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString()));
        }
        // Paced, so the stream is surely still running when the cable is pulled.
        final Process sender = send("-n", Integer.toString(n), "--dest", dest(lab), "--rate", "16M",
            "--drop-after", "3s", file.toString());

        // Pull the cable once the victim has really received part of the stream.
        final Path victimOut = tmp.resolve("rx" + dead + ".out");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(victimOut) && Files.size(victimOut) >= (8L << 20)))
        {
            assertTrue(System.nanoTime() < deadline, "receiver " + dead + " got no 8 MiB in 60 s"
                + lab.stderrTails("tx", "rx" + dead));
            assertTrue(sender.isAlive(), "sender ended before the link died" + lab.stderrTails("tx"));
            Thread.sleep(20);
        }
        lab.linkDown(dead);

        final int senderRc = LabFixture.await(sender, 120);
        assertEquals(ExitCodes.RECEIVERS_LOST, senderRc, "sender exit code" + lab.stderrTails("tx"));
        final String err = lab.stderr("tx");
        final String victim = lab.receiverAddress(dead);
        assertTrue(err.lines().anyMatch(l -> l.contains("lost") && l.contains(victim)),
            "sender names the lost receiver at " + victim + lab.stderrTails("tx"));
        for (int i = 1; i <= n; i++)
        {
            if (i == dead)
            {
                continue;
            }
            assertEquals(0, LabFixture.await(receivers.get(i - 1), 30),
                "receiver " + i + " exit code" + lab.stderrTails("tx", "rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")), "receiver " + i + "'s data");
        }
        // Cut off, the victim must never claim success (it may still be waiting: then it is killed).
        final Process victimProcess = receivers.get(dead - 1);
        if (victimProcess.waitFor(5, TimeUnit.SECONDS))
        {
            assertNotEquals(0, victimProcess.exitValue(), "the cut-off receiver must not exit 0");
        }
    }
}
