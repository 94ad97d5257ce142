package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;

class SenderWatchTest
{
    private static final long MS = 1_000_000L;
    private static final long LIMIT_NS = 3_000 * MS;

    private final ManualClock clock = new ManualClock(9_000 * MS);
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
    private final SenderWatch watch = new SenderWatch(membership, LIMIT_NS);

    @Test
    void shouldJudgeSenderSilentOnlyPastTheLimit() throws Exception
    {
        watch.follow(null, clock.nanoTime());

        clock.advanceNs(LIMIT_NS);
        assertFalse(watch.check(false, clock.nanoTime()));
        clock.advanceNs(1);
        assertTrue(watch.check(false, clock.nanoTime()));
    }

    @Test
    void shouldWaitTwiceAsLongWhileDatagramsAreQueued() throws Exception
    {
        watch.follow(null, clock.nanoTime());

        clock.advanceNs(2 * LIMIT_NS);
        assertFalse(watch.check(true, clock.nanoTime()));
        clock.advanceNs(1);
        assertTrue(watch.check(true, clock.nanoTime()));
    }

    @Test
    void shouldRenewMulticastMembershipAfterSilenceAndEveryIntervalWhileItLasts() throws Exception
    {
        watch.follow((Inet4Address)InetAddress.getByName("239.1.2.3"), clock.nanoTime());

        for (long t = 0; t < 1_300; t += 10)
        {
            clock.advanceNs(10 * MS);
            watch.check(false, clock.nanoTime());
        }

        assertEquals(List.of("join 239.1.2.3", "renew", "renew", "renew"), calls);
        assertEquals(3, watch.renewals());
    }

    @Test
    void shouldNeverRenewBroadcastSession() throws Exception
    {
        watch.follow(null, clock.nanoTime());
        clock.advanceNs(LIMIT_NS);

        watch.check(false, clock.nanoTime());

        assertEquals(List.of(), calls);
    }

    @Test
    void shouldStartSilenceAgainWhenSenderHeard() throws Exception
    {
        watch.follow(null, clock.nanoTime());
        clock.advanceNs(LIMIT_NS);
        watch.heard(clock.nanoTime());
        clock.advanceNs(LIMIT_NS);

        assertFalse(watch.check(false, clock.nanoTime()));
    }

    private void followGroup() throws Exception
    {
        watch.follow((Inet4Address)InetAddress.getByName("239.1.2.3"), clock.nanoTime());
    }

    /** Runs duty cycles every millisecond for {@code ms}, the sender silent. */
    private void cyclesFor(final long ms)
    {
        for (long t = 0; t < ms; t++)
        {
            clock.advanceNs(MS);
            watch.check(false, clock.nanoTime());
        }
    }

    @Test
    void shouldNotRenewNorBlameTheSwitchWhenTheSilenceWasItsOwnDeschedule() throws Exception
    {
        followGroup();
        cyclesFor(10);
        watch.heard(clock.nanoTime());

        // Descheduled for 400 ms: on waking the sender seems silent that long; the receiver was not listening.
        clock.advanceNs(400 * MS);
        watch.check(false, clock.nanoTime());
        cyclesFor(5);

        assertEquals(List.of("join 239.1.2.3"), calls);
        assertEquals(0, watch.renewals());
        assertEquals(1, watch.descheduledSilences());
    }

    @Test
    void shouldRenewOnceTheSilenceLastsWhileItRunsAgain() throws Exception
    {
        followGroup();
        clock.advanceNs(400 * MS);
        watch.check(false, clock.nanoTime());

        cyclesFor(SenderWatch.RENEW_AFTER_SILENCE_NS / MS);

        assertEquals(List.of("join 239.1.2.3", "renew"), calls);
        assertEquals(1, watch.renewals());
        assertEquals(1, watch.descheduledSilences());
    }

    @Test
    void shouldCountNewDescheduledSilenceOnlyAfterTheSenderWasHeard() throws Exception
    {
        followGroup();
        clock.advanceNs(400 * MS);
        watch.check(false, clock.nanoTime());
        clock.advanceNs(400 * MS);
        watch.check(false, clock.nanoTime());
        assertEquals(1, watch.descheduledSilences());

        watch.heard(clock.nanoTime());
        clock.advanceNs(400 * MS);
        watch.check(false, clock.nanoTime());

        assertEquals(2, watch.descheduledSilences());
        assertEquals(0, watch.renewals());
    }

    @Test
    void shouldCountWhatADescheduledReceiverReadsAsHeardNoLaterThanItsPreviousCycle() throws Exception
    {
        watch.follow(null, clock.nanoTime());
        clock.advanceNs(10 * MS);
        watch.check(false, clock.nanoTime());

        // Cycles 10 ms apart, a heartbeat read in each: the sender is heard within the cycle.
        clock.advanceNs(10 * MS);
        watch.heard(clock.nanoTime());
        assertEquals(10 * MS, watch.mayBeSilentNs(clock.nanoTime()));
        watch.check(false, clock.nanoTime());

        // Descheduled for 150 ms, then a queued heartbeat: it may have waited all along, the sender not running.
        clock.advanceNs(150 * MS);
        watch.heard(clock.nanoTime());
        assertEquals(0, watch.silentNs(clock.nanoTime()), "the silence limit counts it as heard now");
        assertEquals(150 * MS, watch.mayBeSilentNs(clock.nanoTime()));
        watch.check(false, clock.nanoTime());

        // On time again, a fresh heartbeat: the sender runs.
        clock.advanceNs(10 * MS);
        watch.heard(clock.nanoTime());
        assertEquals(10 * MS, watch.mayBeSilentNs(clock.nanoTime()));
    }
    /** Runs waiting duty cycles every 10 ms for {@code ms}, no announcement heard. */
    private void waitFor(final long ms)
    {
        for (long t = 0; t < ms; t += 10)
        {
            clock.advanceNs(10 * MS);
            watch.waiting(clock.nanoTime());
        }
    }

    @Test
    void shouldRenewWhileWaitingAfterOneSecondThenAfterTwiceAsLongEachTimeUpToTheCap()
    {
        waitFor(16_000);
        assertEquals(List.of("renew", "renew", "renew", "renew"), calls, "at 1, 3, 7 and 15 s");

        waitFor(200_000 - 16_000);
        assertEquals(10, calls.size(), "then 31 and 63 s, and every 32 s after: " + calls);
        assertEquals(0, watch.renewals(), "routine renewals while waiting do not blame the switch");
    }

    @Test
    void shouldStartTheWaitingScheduleAgainWhenAnAnnouncementIsHeard()
    {
        waitFor(7_500);
        assertEquals(3, calls.size(), "at 1, 3 and 7 s");

        watch.heard(clock.nanoTime());
        waitFor(990);
        assertEquals(3, calls.size(), "heard just now");
        waitFor(20);
        assertEquals(4, calls.size(), "one second after the announcement, not eight");
    }
}
