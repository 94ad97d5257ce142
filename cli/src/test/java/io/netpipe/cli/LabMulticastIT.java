package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab scenarios with IP multicast: the sender sends to a 239.x group, plain receivers learn it from the session
 * announcement and join it; the lab's bridge snoops IGMP like a managed switch, so only members get the data.
 */
class LabMulticastIT extends LabScenarios
{
    private static final String GROUP = "239.213.9.7";

    @Override
    String prefix()
    {
        return "npmc";
    }

    @Override
    String net()
    {
        return "10.213.9";
    }

    @Override
    String dest(final LabFixture lab)
    {
        return GROUP;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldDeliverToReceiversThatForceGroupAndInterface() throws Exception
    {
        final int n = 2;
        lab.up(n);
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 16L << 20);
        final String expected = LabFixture.sha256(file);

        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            receivers.add(lab.recv(i, Path.of("/dev/null"), "--group", GROUP, "--interface", "eth0",
                "-o", tmp.resolve("rx" + i + ".out").toString()));
        }
        final Process sender = lab.send("-n", Integer.toString(n), "--dest", GROUP, "--ttl", "1",
            "--interface", "eth0", file.toString());

        assertEquals(0, LabFixture.await(sender, 90), "sender exit code" + lab.stderrTails("tx"));
        for (int i = 1; i <= n; i++)
        {
            assertEquals(0, LabFixture.await(receivers.get(i - 1), 30),
                "receiver " + i + " exit code" + lab.stderrTails("tx", "rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")), "receiver " + i + "'s data");
        }
    }
}
