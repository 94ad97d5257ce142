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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repairs by parity over the real transport: three lab receivers, each losing 2% of what arrives (nftables), get a
 * byte-identical stream from a sender with {@code --fec on}; the sender's summary counts parity packets, and the
 * receivers say they recovered packets from parity. The lab is removed afterwards, also on failure.
 */
class LabFecIT
{
    private static final Pattern PARITY = Pattern.compile("(\\d+) parity packets");

    @TempDir
    Path tmp;

    private LabFixture lab;

    @BeforeEach
    void createLab() throws Exception
    {
        LabFixture.assumeLabAvailable();
        LabFixture.removeStaleLabs();
        lab = new LabFixture("npfec", "10.213.141",
            Files.createDirectories(Path.of("target", "lab-logs", "LabFecIT")));
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
    void shouldRepairLossyReceiversWithParityByteIdentical() throws Exception
    {
        final int n = 3;
        lab.up(n);
        lab.loss("all", 20);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 32L << 20);
        final String expected = LabFixture.sha256(file);
        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            receivers.add(lab.recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString()));
        }
        final Process sender = lab.send("-n", Integer.toString(n), "--dest", lab.broadcastAddress(), "--fec", "on",
            file.toString());

        assertEquals(0, LabFixture.await(sender, 150), "sender exit code" + lab.stderrTails("tx"));
        final Matcher parity = PARITY.matcher(lab.stderr("tx"));
        assertTrue(parity.find() && Long.parseLong(parity.group(1)) > 0, "parity sent" + lab.stderrTails("tx"));
        boolean recovered = false;
        for (int i = 1; i <= n; i++)
        {
            assertEquals(0, LabFixture.await(receivers.get(i - 1), 30), "receiver " + i + lab.stderrTails("rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")), "receiver " + i + "'s data");
            recovered |= lab.stderr("rx" + i).contains("packets from parity");
        }
        assertTrue(recovered, "no receiver recovered from parity" + lab.stderrTails("rx1", "rx2", "rx3"));
    }
}
