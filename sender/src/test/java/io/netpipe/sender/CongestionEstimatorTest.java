package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class CongestionEstimatorTest
{
    private final CongestionEstimator estimator = new CongestionEstimator();
    private final Roster roster = new Roster(8);
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

        assertFalse(interval(rx, 40, 50), "judged 90 packets");
        assertTrue(interval(rx, 0, 10), "the 40 losses count once 100 packets are in");
    }

    @Test
    void shouldIgnoreReceiversNoLongerLive()
    {
        learn(0, 10);
        rx.state = ReceiverState.State.LOST;

        assertFalse(interval(rx, 500, 500));
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
            rate.endInterval(nowNs += RateController.INTERVAL_NS, interval(rx, 50, 950), true);
        }
        assertTrue(rate.rateBytesPerSec() >= learned, "steady loss slowed the sender");

        final double before = rate.rateBytesPerSec();
        rate.endInterval(nowNs += RateController.INTERVAL_NS, interval(rx, 250, 750), true);
        assertTrue(rate.rateBytesPerSec() < before, "a loss jump did not slow the sender");
    }
}
