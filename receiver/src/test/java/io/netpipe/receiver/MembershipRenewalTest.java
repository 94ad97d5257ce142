package io.netpipe.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.Phase;
import io.netpipe.transport.FakeTransport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A multicast receiver that stops hearing the sender renews its group membership (a fresh IGMP report), because
 * a snooping switch may never have registered the first one.
 */
@Timeout(10)
class MembershipRenewalTest
{
    private static final int SESSION = 0x5E551002;
    private static final int PACKET_SIZE = 576;
    private static final int GROUP = 0xEF010203;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final ManualClock clock = new ManualClock(3 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final List<String> calls = new ArrayList<>();
    private final GroupMembership membership = new GroupMembership()
    {
        @Override
        public void join(final Inet4Address group)
        {
            calls.add("join " + group.getHostAddress());
        }

        @Override
        public void renew()
        {
            calls.add("renew");
        }
    };
    private final ReceiverAgent agent = new ReceiverAgent(
        new RecvConfig(1 << 20, (InetAddress)null, 0, 3 * SECOND, "rx-test"), transport,
        new StreamWriter(Channels.newChannel(new ByteArrayOutputStream())), membership, clock, new RecordingListener());

    /** Finds the announced session, joins its group, and is admitted. */
    private void admit(final int group) throws IOException
    {
        sender.group(group).announce(Phase.SEEK);
        agent.doWork();
        final long nonce = Sent.join(Sent.ofType(transport.sent(), FrameType.JOIN).getFirst()).nonce();
        sender.announce(Phase.SEEK, 99, nonce);
        agent.doWork();
    }

    private void runFor(final long ns, final boolean heartbeats) throws IOException
    {
        for (long t = 0; t < ns; t += 10 * MS)
        {
            clock.advanceNs(10 * MS);
            if (heartbeats)
            {
                sender.heartbeat(0);
            }
            agent.doWork();
        }
    }

    @Test
    void shouldRenewTheGroupAfterAQuarterSecondOfSilence() throws IOException
    {
        admit(GROUP);

        runFor(240 * MS, false);
        assertEquals(List.of("join 239.1.2.3"), calls, "renewed before 250 ms of silence");
        runFor(20 * MS, false);

        assertEquals(List.of("join 239.1.2.3", "renew"), calls);
    }

    @Test
    void shouldRenewEveryHalfSecondWhileSilenceLasts() throws IOException
    {
        admit(GROUP);

        runFor(1_300 * MS, false);

        assertEquals(3, calls.stream().filter(c -> c.equals("renew")).count(), "at 250, 750 and 1250 ms: " + calls);
    }

    @Test
    void shouldNotRenewWhileTheSenderIsHeard() throws IOException
    {
        admit(GROUP);

        runFor(2 * SECOND, true);

        assertEquals(List.of("join 239.1.2.3"), calls);
    }

    @Test
    void shouldNeverRenewABroadcastSession() throws IOException
    {
        admit(0);

        runFor(2 * SECOND, false);

        assertEquals(List.of(), calls);
    }
    @Test
    void shouldRenewWhileJoiningWhenTheAnnouncementsStop() throws IOException
    {
        sender.group(GROUP).announce(Phase.SEEK);
        agent.doWork();

        // Found and asked to join, not listed yet: the announcements it waits for come on the rendezvous group,
        // which renew() renews with the session's own.
        runFor(260 * MS, false);

        assertEquals(List.of("join 239.1.2.3", "renew"), calls);
    }

    @Test
    void shouldRenewWhileWaitingWithoutAnySessionHeard() throws IOException
    {
        runFor(7_500 * MS, false);

        assertEquals(List.of("renew", "renew", "renew"), calls, "at 1, 3 and 7 s");
    }

    @Test
    void shouldNotRenewWhileWaitingIfAnnouncementsAreHeard() throws IOException
    {
        // A session already transferring is not ours to join, but its announcements prove the group reaches us.
        for (int i = 0; i < 40; i++)
        {
            sender.announce(Phase.TRANSFER);
            runFor(100 * MS, false);
        }

        assertEquals(List.of(), calls);
    }
}
