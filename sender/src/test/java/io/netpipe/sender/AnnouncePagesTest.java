package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.transport.FakeTransport;

/**
 * A roster longer than one ANNOUNCE: every page goes out each interval, and a newcomer is announced at once with
 * only the pages from its own on.
 */
class AnnouncePagesTest
{
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);
    /** Entries one 576-byte unkeyed ANNOUNCE lists. */
    private static final int PAGE = AnnounceFrame.maxEntries(576);

    private final ManualClock clock = new ManualClock(1_000 * MS);
    private final FakeTransport transport = new FakeTransport();
    private final Roster roster = new Roster(1024);
    private final SendConfig config = new SendConfig(1, 576, 1000, 1, 0, 5_000 * MS, 0, 16, DATA, DATA, null);
    private final Rendezvous rendezvous = new Rendezvous(config, roster,
        new ControlFrames(config, transport, SessionSealing.unkeyed().newSealer()), new RecordingListener(),
        clock.nanoTime());

    private void join(final int n)
    {
        final long nonce = 1000 + n;
        rendezvous.onJoin(true, nonce, 0x5EC0_0001_0000_0002L + n, new InetSocketAddress("10.1." + n / 250 + "." +
            (1 + n % 250), 9001), "rx" + n, 64, clock.nanoTime());
    }

    /** @return the first ids of the ANNOUNCE pages sent since the last call. */
    private List<Integer> pagesSent()
    {
        final List<Integer> firstIds = Sent.ofType(transport.sent(), FrameType.ANNOUNCE).stream()
            .map(d -> Sent.announce(d).firstId()).toList();
        transport.clearSent();
        return firstIds;
    }

    @Test
    void shouldSendEveryPageEachIntervalAndOnlyTheChangedOnesForANewcomer() throws Exception
    {
        for (int n = 0; n < 2 * PAGE + 5; n++)
        {
            join(n);
        }
        rendezvous.seek(clock.nanoTime());
        assertEquals(List.of(0, PAGE, 2 * PAGE), pagesSent(), "the first announcement lists everyone");

        clock.advanceNs(10 * MS);
        join(2 * PAGE + 5);
        rendezvous.seek(clock.nanoTime());
        assertEquals(List.of(2 * PAGE), pagesSent(), "a newcomer: its page only");

        clock.advanceNs(10 * MS);
        rendezvous.seek(clock.nanoTime());
        assertEquals(List.of(), pagesSent(), "nothing new, not yet due");

        clock.advanceNs(100 * MS);
        rendezvous.seek(clock.nanoTime());
        assertEquals(List.of(0, PAGE, 2 * PAGE), pagesSent(), "every page each interval");
    }
}
