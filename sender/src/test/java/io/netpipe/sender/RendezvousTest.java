package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.transport.FakeTransport;

class RendezvousTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);

    private final ManualClock clock = new ManualClock(SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final Roster roster = new Roster(8);

    private Rendezvous rendezvous(final int expected, final int min, final long maxWaitNs)
    {
        final SendConfig config = new SendConfig(1, 576, expected, min, maxWaitNs, SECOND, 0, 16, DATA, DATA, null);
        return new Rendezvous(config, roster, new ControlFrames(config, transport,
            SessionSealing.unkeyed().newSealer()), listener, clock.nanoTime());
    }

    private void join(final Rendezvous r, final long nonce, final boolean seeking)
    {
        r.onJoin(seeking, nonce, secretOf(nonce), new InetSocketAddress("10.0.0." + nonce, 9001), "rx" + nonce, 64,
            clock.nanoTime());
    }

    private static long secretOf(final long nonce)
    {
        return 0x5EC0_0000_0000_0000L | nonce << 32 | nonce;
    }

    @Test
    void shouldKeepTheEndSecretAReceiverWasAdmittedWith()
    {
        final Rendezvous r = rendezvous(2, 1, 0);
        join(r, 11, true);
        clock.advanceNs(SECOND);
        final long before = roster.get(0).lastHeardNs;

        // The nonce is in every ANNOUNCE: a JOIN that reuses it, even from the receiver's address, must not swap in
        // a secret its sender knows (it would learn the tokens of the BYE).
        r.onJoin(true, 11, 0xBADL, new InetSocketAddress("10.0.0.11", 9001), "forger", 64, clock.nanoTime());

        assertEquals(secretOf(11), roster.get(0).endSecret());
        assertEquals(1, roster.size());
        assertEquals(before, roster.get(0).lastHeardNs, "a JOIN with another secret is not the receiver's");
    }

    @Test
    void shouldStartOnceExpectedReceiversJoined() throws Exception
    {
        final Rendezvous r = rendezvous(2, 1, 0);
        join(r, 11, true);
        assertEquals(Rendezvous.Verdict.WAIT, r.seek(clock.nanoTime()));

        join(r, 12, true);

        assertEquals(Rendezvous.Verdict.START, r.seek(clock.nanoTime()));
        assertEquals(2, listener.joined.size());
    }

    @Test
    void shouldStartWithMinimumOnceMaxWaitPassed() throws Exception
    {
        final Rendezvous r = rendezvous(3, 1, 5 * SECOND);
        join(r, 11, true);
        clock.advanceNs(5 * SECOND - 1);
        assertEquals(Rendezvous.Verdict.WAIT, r.seek(clock.nanoTime()));

        clock.advanceNs(1);

        assertEquals(Rendezvous.Verdict.START, r.seek(clock.nanoTime()));
    }

    @Test
    void shouldTimeOutWithTooFewAfterMaxWait() throws Exception
    {
        final Rendezvous r = rendezvous(3, 2, 5 * SECOND);
        join(r, 11, true);
        clock.advanceNs(5 * SECOND);

        assertEquals(Rendezvous.Verdict.TIMED_OUT, r.seek(clock.nanoTime()));
        assertTrue(r.timeoutMessage().startsWith("only 1 of 2 receivers joined within 5.0 s, "), r.timeoutMessage());
    }

    @Test
    void shouldAdmitOnlyWhileSeekingAndRecogniseKnownNonce()
    {
        final Rendezvous r = rendezvous(2, 1, 0);
        join(r, 11, true);
        join(r, 11, true);
        join(r, 12, false);

        assertEquals(1, roster.size());
    }

    @Test
    void shouldAnnounceInitUntilEveryListedReceiverConfirmed() throws Exception
    {
        final Rendezvous r = rendezvous(1, 1, 0);
        join(r, 11, true);
        r.seek(clock.nanoTime());
        transport.clearSent();

        assertFalse(r.init(clock.nanoTime()));
        roster.get(0).state = ReceiverState.State.ACTIVE;
        clock.advanceNs(20_000_000L);

        assertTrue(r.init(clock.nanoTime()));
        assertEquals(2, Sent.ofType(transport.sent(), FrameType.ANNOUNCE).size());
    }
}
