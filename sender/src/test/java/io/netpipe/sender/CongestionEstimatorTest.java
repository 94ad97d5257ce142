package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CongestionEstimatorTest
{
    /** Where the new cut tests cut the rate: past everything their receivers reported before it. */
    private static final long CUT_AT = 20_000;

    private final CongestionEstimator estimator = new CongestionEstimator();
    private final Roster roster = new Roster(64);
    private final ReceiverState rx = admit(0);

    private ReceiverState admit(final int index)
    {
        final ReceiverState r = roster.admit(index, new InetSocketAddress("10.0.0." + (index + 2), 9000), "", 1024, 0);
        r.state = ReceiverState.State.ACTIVE;
        estimator.seen(r);
        return r;
    }

    /** One rate interval in which {@code r} reported {@code lost} of {@code lost + received} packets missing. */
    private boolean interval(final ReceiverState r, final int lost, final int received)
    {
        r.loss.lastLost += lost;
        r.loss.lastReceived += received;
        return estimator.congested(roster);
    }

    private void learn(final int lostPerMille, final int intervals)
    {
        for (int i = 0; i < intervals; i++)
        {
            interval(rx, lostPerMille, 1000 - lostPerMille);
        }
    }

    @Test
    void shouldNotCallSteadyRandomLossCongestionOnceLearned()
    {
        learn(50, 30);

        for (int i = 0; i < 100; i++)
        {
            assertFalse(interval(rx, 50, 950), "interval " + i);
        }
    }

    @Test
    void shouldCallLossJumpAboveBaselineCongestion()
    {
        learn(50, 30);

        assertTrue(interval(rx, 200, 800));
    }

    @Test
    void shouldCallFirstLossOnCleanLinkCongestion()
    {
        learn(0, 10);

        assertTrue(interval(rx, 50, 950));
    }

    @Test
    void shouldToleratePercentLossOnCleanLink()
    {
        learn(0, 10);

        assertFalse(interval(rx, 20, 980));
    }

    @Test
    void shouldWaitForEnoughPacketsBeforeJudging()
    {
        learn(0, 10);

        assertFalse(interval(rx, 400, 500), "judged 900 packets");
        assertTrue(interval(rx, 0, 100), "the 400 losses count once 1,000 packets are in");
    }

    @Test
    void shouldIgnoreReceiversNoLongerLive()
    {
        learn(0, 10);
        rx.state = ReceiverState.State.LOST;

        assertFalse(interval(rx, 500, 500));
    }

    @Test
    void shouldSpreadLossOverTheReceiversThatShareIt()
    {
        final ReceiverState second = admit(1);
        final ReceiverState third = admit(2);
        assertTrue(Double.isNaN(estimator.lossSpread(roster)), "nothing learned yet");

        for (int i = 0; i < 30; i++)
        {
            rx.loss.lastLost += 50;
            rx.loss.lastReceived += 950;
            second.loss.lastReceived += 1000;
            third.loss.lastReceived += 1000;
            estimator.congested(roster);
        }
        assertEquals(1.0, estimator.lossSpread(roster), 1e-9, "one receiver does all the losing");

        for (int i = 0; i < 60; i++)
        {
            for (final ReceiverState r : new ReceiverState[] {rx, second, third})
            {
                r.loss.lastLost += 10;
                r.loss.lastReceived += 990;
            }
            estimator.congested(roster);
        }
        assertEquals(3.0, estimator.lossSpread(roster), 0.1, "three lose alike");
    }

    @Test
    void shouldCallCongestionWhenAnyReceiverJumps()
    {
        final ReceiverState other = admit(1);
        for (int i = 0; i < 10; i++)
        {
            interval(rx, 0, 1000);
            interval(other, 0, 1000);
        }

        other.loss.lastLost += 300;
        other.loss.lastReceived += 700;

        assertTrue(estimator.congested(roster));
    }

    @Test
    void shouldSurviveCounterWrap()
    {
        rx.loss.lastLost = Integer.MAX_VALUE - 10;
        rx.loss.lastReceived = Integer.MAX_VALUE - 100;
        rx.loss.countersSeen = false;
        estimator.seen(rx);
        learn(50, 30);

        assertFalse(interval(rx, 50, 950));
        assertTrue(interval(rx, 300, 700));
    }

    @Test
    void shouldKeepRateOnSteadyLossButBackOffOnJump()
    {
        long nowNs = 0;
        final RateController rate = new RateController(0, nowNs);
        learn(50, 30);
        final double learned = rate.rateBytesPerSec();

        for (int i = 0; i < 20; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, interval(rx, 50, 950), true, true);
        }
        assertTrue(rate.rateBytesPerSec() >= learned, "steady loss slowed the sender");

        final double before = rate.rateBytesPerSec();
        rate.endInterval(nowNs += RateController.INTERVAL_NS, interval(rx, 250, 750), true, true);
        assertTrue(rate.rateBytesPerSec() < before, "a loss jump did not slow the sender");
    }

    @Test
    void shouldNotCutTheRateForIndependentPercentLossOnManyReceivers()
    {
        final ReceiverState[] group = new ReceiverState[32];
        group[0] = rx;
        for (int i = 1; i < group.length; i++)
        {
            group[i] = admit(i);
        }
        final Random random = new Random(32);
        long nowNs = 0;
        final RateController rate = new RateController(0, nowNs);
        final double initial = rate.rateBytesPerSec();
        int cuts = 0;
        // Ten simulated seconds: each 20 ms one receiver in four reports about 150 new packets, each lost with 1%.
        for (int interval = 0; interval < 500; interval++)
        {
            for (int i = interval % 4; i < group.length; i += 4)
            {
                final int packets = 100 + random.nextInt(100);
                int lost = 0;
                for (int k = 0; k < packets; k++)
                {
                    lost += random.nextDouble() < 0.01 ? 1 : 0;
                }
                group[i].loss.lastLost += lost;
                group[i].loss.lastReceived += packets - lost;
            }
            final boolean congested = estimator.congested(roster);
            cuts += congested ? 1 : 0;
            rate.endInterval(nowNs += RateController.INTERVAL_NS, congested, true, true);
        }

        assertEquals(0, cuts, "independent 1% loss taken for congestion");
        assertTrue(rate.rateBytesPerSec() >= initial);
    }

    @Test
    void shouldCutOnceForOneLossEveryReceiverReportsInTurn()
    {
        final ReceiverState[] group = new ReceiverState[32];
        group[0] = rx;
        for (int i = 1; i < group.length; i++)
        {
            group[i] = admit(i);
        }
        for (int round = 0; round < 20; round++)
        {
            for (final ReceiverState r : group)
            {
                report(r, 10, 990, r.contiguous + 1000);
            }
            estimator.congested(roster);
        }
        long nowNs = 0;
        final RateController rate = new RateController(0, nowNs);
        final double before = rate.rateBytesPerSec();
        final long nextAtEvent = group[0].contiguous + 1000;
        int cuts = 0;
        // One burst lost by everyone, reported by each receiver in its own turn, one per 20 ms interval: the reports
        // describe packets sent before any cut.
        for (final ReceiverState r : group)
        {
            report(r, 150, 850, nextAtEvent - 500);
            final boolean congested = estimator.congested(roster);
            rate.endInterval(nowNs += RateController.INTERVAL_NS, congested, true, true);
            if (congested)
            {
                cuts++;
                estimator.cut(roster, nextAtEvent);
            }
        }

        assertEquals(1, cuts, "one loss event cut the rate once per receiver");
        assertTrue(rate.rateBytesPerSec() >= 0.7 * before, rate.rateBytesPerSec() / 1e6 + " MB/s");
    }

    @Test
    void shouldStillBackOffWhenLossRisesWithTheRate()
    {
        final ReceiverState[] group = new ReceiverState[32];
        group[0] = rx;
        for (int i = 1; i < group.length; i++)
        {
            group[i] = admit(i);
        }
        long nowNs = 0;
        final RateController rate = new RateController(0, nowNs);
        final double capacityBytesPerSec = 20e6;
        long next = 0;
        int cuts = 0;
        double highest = 0;
        // A bottleneck: each receiver loses what the rate exceeds 20 MB/s by, on top of 1% random loss.
        for (int interval = 0; interval < 1000; interval++)
        {
            final double rateNow = rate.rateBytesPerSec();
            final int packets = (int)(rateNow * 0.02 / 1400);
            next += packets;
            final double overflow = Math.max(0, 1 - capacityBytesPerSec / rateNow);
            for (final ReceiverState r : group)
            {
                final int lost = (int)(packets * (0.01 + overflow));
                report(r, lost, packets - lost, next);
            }
            final boolean congested = estimator.congested(roster);
            rate.endInterval(nowNs += RateController.INTERVAL_NS, congested, true, true);
            if (congested)
            {
                cuts++;
                estimator.cut(roster, next);
            }
            if (interval >= 500)
            {
                highest = Math.max(highest, rate.rateBytesPerSec());
            }
        }

        assertTrue(cuts > 0, "never backed off");
        assertTrue(highest < 2 * capacityBytesPerSec, "the rate reached " + highest / 1e6 + " MB/s");
    }

    /**
     * A receiver that overflows keeps a hole below the cut for as long as its repairs queue behind its backlog, so
     * its position never passes the cut; the packets it receives from after the cut still say the cut was not
     * enough. Judged only by its position it was ignored after the first cut, and the rate grew to 880 MB/s while it
     * lost more than half (lab, a CPU-starved keyed receiver).
     */
    @Test
    void shouldJudgeAReceiverStuckBelowTheCutByWhatItReceivesAfterIt()
    {
        learn(0, 10);
        final long stuckAt = rx.contiguous + 5;
        report(rx, 500, 500, stuckAt);
        assertTrue(estimator.congested(roster), "half lost");
        final long cutAt = 20_000;
        estimator.cut(roster, cutAt);
        report(rx, 500, 500, stuckAt);
        assertFalse(estimator.congested(roster), "packets sent before the cut");

        final int receivedSoFar = rx.loss.lastReceived;
        report(rx, 500, (int)(cutAt + 1 - receivedSoFar), stuckAt);
        report(rx, 600, 600, stuckAt);
        assertTrue(estimator.congested(roster), "still losing half of what was sent after the cut");
    }

    @Test
    void shouldPaceGrowthByTheReportsOfReceiversCongestedLately()
    {
        final long ms = 1_000_000L;
        final ReceiverState other = admit(1);
        learn(0, 10);
        estimator.grown(roster, 50_000, 0);
        assertTrue(estimator.confirmed(roster, ms), "nobody was congested: nothing paces the growth");

        assertTrue(interval(rx, 500, 500), "half lost");
        estimator.grown(roster, 50_000, 0);
        assertFalse(estimator.confirmed(roster, ms), "the congested receiver has not reported since the step");
        assertTrue(estimator.confirmed(roster, CongestionEstimator.MAX_STEP_WAIT_NS), "a step waits 200 ms at most");
        report(other, 0, 60_000, 0);
        assertFalse(estimator.confirmed(roster, ms), "another receiver's report confirms nothing");
        report(rx, 0, 50_001 - rx.loss.lastReceived, rx.contiguous);
        assertTrue(estimator.confirmed(roster, ms), "a hole below, but it holds packets sent after the step");

        for (int step = 1; step < CongestionEstimator.PACING_STEPS; step++)
        {
            estimator.grown(roster, 50_000, 0);
        }
        estimator.grown(roster, 90_000, 0);
        assertTrue(estimator.confirmed(roster, ms), "it paced its " + CongestionEstimator.PACING_STEPS + " steps");
    }

    /**
     * One receiver whose reports arrive a second late (its socket queue holds a second of data) and which loses
     * what the rate exceeds its 10 MB/s by: the rate must stay near 10 MB/s, not swing up to several times it
     * between the cuts its late reports cause.
     */
    @Test
    void shouldKeepTheRateNearWhatALateReportingReceiverTakes()
    {
        long nowNs = 0;
        final RateController rate = new RateController(0, nowNs);
        final double capacityBytesPerSec = 10e6;
        final int delayIntervals = 50;
        final long[] nextAt = new long[2000];
        final int[] packetsAt = new int[2000];
        long next = 0;
        double highest = 0;
        for (int interval = 0; interval < nextAt.length; interval++)
        {
            final double rateNow = rate.rateBytesPerSec();
            packetsAt[interval] = (int)(rateNow * 0.02 / 1400);
            next += packetsAt[interval];
            nextAt[interval] = next;
            if (interval >= delayIntervals)
            {
                // The report describes the interval sent a second ago.
                final int then = interval - delayIntervals;
                final double overflow = Math.max(0, 1 - capacityBytesPerSec * 0.02 / 1400 / packetsAt[then]);
                final int lost = (int)(packetsAt[then] * overflow);
                report(rx, lost, packetsAt[then] - lost, nextAt[then] - packetsAt[then]);
            }
            final boolean congested = estimator.congested(roster);
            final double before = rate.rateBytesPerSec();
            rate.endInterval(nowNs += RateController.INTERVAL_NS, congested, false, estimator.confirmed(roster, nowNs));
            if (congested)
            {
                estimator.cut(roster, next);
            }
            else if (rate.rateBytesPerSec() > before)
            {
                estimator.grown(roster, next, nowNs);
            }
            if (interval >= nextAt.length / 2)
            {
                highest = Math.max(highest, rate.rateBytesPerSec());
            }
        }

        assertTrue(highest < 2.5 * capacityBytesPerSec, "the rate reached " + highest / 1e6 + " MB/s");
    }

    /**
     * A cut is a test: one receiver with 5% random loss from the start (a bad cable) is congestion at first sight,
     * but its loss after the cut is as high, so the cut is undone and that loss is its baseline. Learning it a gain of
     * an eighth at a time cut the rate three or four times in a row (LossyMemberTest).
     */
    @Test
    void shouldUndoACutAfterWhichTheLossStayedTheSame()
    {
        cutForFirstLoss(50);
        assertFalse(estimator.takeUndo(), "no verdict before a sample after the cut");

        assertFalse(interval(rx, 48, 952), "the same loss after the cut: the link's");

        assertTrue(estimator.takeUndo(), "the cut undone");
        assertFalse(estimator.takeUndo(), "once");
        for (int i = 0; i < 50; i++)
        {
            assertFalse(interval(rx, 50 + i % 10, 950 - i % 10), "interval " + i);
        }
        assertFalse(estimator.takeUndo());
        assertTrue(interval(rx, 200, 800), "a jump above the learned 5% is congestion still");
    }

    @Test
    void shouldKeepACutAfterWhichTheLossFell()
    {
        cutForFirstLoss(50);

        assertFalse(interval(rx, 5, 995), "the loss fell with the rate");

        assertFalse(estimator.takeUndo(), "it was congestion");
    }

    @Test
    void shouldKeepACutWhileAnyReceiverThatCausedItLostLessAfterIt()
    {
        final ReceiverState other = admit(1);
        learn(0, 10);
        report(other, 0, 1000, 0);
        estimator.congested(roster);
        report(rx, 50, 950, 0);
        report(other, 50, 950, 0);
        assertTrue(estimator.congested(roster), "both at 5%");
        estimator.cut(roster, CUT_AT);
        passCut(rx);
        passCut(other);

        report(rx, 50, 950, CUT_AT);
        report(other, 2, 998, CUT_AT);
        assertFalse(estimator.congested(roster));

        assertFalse(estimator.takeUndo(), "one of them lost less: the cut was needed");
    }

    @Test
    void shouldNotTakeHeavyLossForTheLinksEvenIfTheCutDidNotMoveIt()
    {
        cutForFirstLoss(100);

        assertTrue(interval(rx, 100, 900), "10% still, above what a link may lose: slow down more");

        assertFalse(estimator.takeUndo());
    }

    /**
     * A clean link's first loss of {@code lostPerMille} is congestion; the rate is cut at {@link #CUT_AT} and
     * {@code rx} reports past it, so its next interval is its first sample after the cut.
     */
    private void cutForFirstLoss(final int lostPerMille)
    {
        learn(0, 10);
        assertTrue(interval(rx, lostPerMille, 1000 - lostPerMille), lostPerMille / 10.0 + "% on a clean link");
        estimator.cut(roster, CUT_AT);
        passCut(rx);
    }

    /** {@code r} reports counters that judged the sequence sent at {@link #CUT_AT}, and nothing lost since. */
    private void passCut(final ReceiverState r)
    {
        report(r, 0, (int)(CUT_AT + 1) - r.loss.lastLost - r.loss.lastReceived, CUT_AT);
    }

    private void report(final ReceiverState r, final int lost, final int received, final long contiguous)
    {
        r.contiguous = Math.max(r.contiguous, contiguous);
        estimator.onStatus(r, r.loss.lastLost + lost, r.loss.lastReceived + received);
    }
}
