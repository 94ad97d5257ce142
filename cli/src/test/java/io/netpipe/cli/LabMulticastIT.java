package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
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
    /**
     * A receiver whose port the switch never registered for the rendezvous group (its IGMPv2 report suppressed by
     * another member's, as the lab's bridge does to about half of 16 receivers joining at once) hears no session
     * until it reports again: waiting, it renews its memberships on a slowing schedule. Without that it waited past
     * the sender's --max-wait (the switch's next general query comes 31 s after the first).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldReachAReceiverTheSwitchForgot() throws Exception
    {
        final int n = 2;
        lab.up(n);
        final LabSwitch sw = new LabSwitch(lab);
        sw.snoop();
        final long snoopingNs = System.nanoTime() + 1_500_000_000L;
        final Path file = LabFixture.randomFile(tmp.resolve("data"), 4L << 20);
        final String expected = LabFixture.sha256(file);

        final List<Process> receivers = new ArrayList<>();
        for (int i = 1; i <= n; i++)
        {
            receivers.add(lab.recv(i, Path.of("/dev/null"), "-o", tmp.resolve("rx" + i + ".out").toString()));
        }
        Processes.await("both receivers registered for the rendezvous group, and the switch snooping",
            Duration.ofSeconds(30), () -> sw.registered(1, Interfaces.RENDEZVOUS_GROUP) &&
                sw.registered(2, Interfaces.RENDEZVOUS_GROUP) && System.nanoTime() - snoopingNs >= 0);
        sw.forget(2, Interfaces.RENDEZVOUS_GROUP);
        final Process sender = lab.send("-n", Integer.toString(n), "--max-wait", "20s", "--dest", GROUP,
            file.toString());

        assertEquals(0, LabFixture.await(sender, 60), "sender exit code" + lab.stderrTails("tx", "rx2"));
        for (int i = 1; i <= n; i++)
        {
            assertEquals(0, LabFixture.await(receivers.get(i - 1), 30),
                "receiver " + i + " exit code" + lab.stderrTails("tx", "rx" + i));
            assertEquals(expected, LabFixture.sha256(tmp.resolve("rx" + i + ".out")), "receiver " + i + "'s data");
        }
    }
}
