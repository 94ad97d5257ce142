package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedbackScheduleTest
{
    private static final double SECOND_NS = 1e9;

    @ParameterizedTest(name = "{0} receivers")
    @ValueSource(ints = {1, 2, 4})
    void shouldKeepFiveMillisecondPaceInSmallGroups(final int receivers)
    {
        assertEquals(5_000_000L, FeedbackSchedule.intervalNs(receivers));
        assertEquals(100_000_000L, FeedbackSchedule.silenceNs(receivers));
    }

    @ParameterizedTest(name = "{0} receivers")
    @ValueSource(ints = {5, 8, 16, 32, 64, 128, 250})
    void shouldHoldGroupFeedbackToBudgetWhateverItsSize(final int receivers)
    {
        final double groupPerSecond = receivers * SECOND_NS / FeedbackSchedule.intervalNs(receivers);

        assertTrue(groupPerSecond <= FeedbackSchedule.BUDGET_PER_SECOND + 0.5, groupPerSecond + " reports/s");
        assertTrue(groupPerSecond >= FeedbackSchedule.BUDGET_PER_SECOND * 0.99, groupPerSecond + " reports/s");
    }

    @Test
    void shouldSpaceReportsInProportionToGroupSize()
    {
        assertEquals(32_000_000L, FeedbackSchedule.intervalNs(8));
        assertEquals(128_000_000L, FeedbackSchedule.intervalNs(32));
        assertEquals(256_000_000L, FeedbackSchedule.intervalNs(64));
    }

    @Test
    void shouldStillReportEveryFewSecondsInHugeGroupsToStayAlive()
    {
        assertEquals(2_500_000_000L, FeedbackSchedule.intervalNs(1000));
        assertEquals(2_500_000_000L, FeedbackSchedule.silenceNs(1000));
        assertEquals(400.0, 1000 * SECOND_NS / FeedbackSchedule.intervalNs(1000));
    }

    @Test
    void shouldSpaceReportsByTheDataWithinCreditAndRanges()
    {
        assertEquals(1, FeedbackSchedule.reportEveryPackets(4, 23_109));
        assertEquals(1_600, FeedbackSchedule.reportEveryPackets(8, 23_109));
        assertEquals(9_243, FeedbackSchedule.reportEveryPackets(64, 23_109));
        final FeedbackSchedule schedule = new FeedbackSchedule(new java.util.SplittableRandom(1));
        schedule.groupSize(64);
        schedule.creditPackets(23_109);
        // At 1% loss the credit binds (9,243 in steps of 256); at 5% the 180 ranges of one report do: 3,600 packets.
        assertEquals(9_216, schedule.reportEveryPackets(0.01));
        assertEquals(3_584, schedule.reportEveryPackets(0.05));
        assertEquals(9_243, schedule.reportEveryPackets(0));
        // The default 48 MiB buffer holds more than the sender's window of 32,768 packets: N / 0.005 binds.
        schedule.creditPackets(34_663);
        assertEquals(12_800, schedule.reportEveryPackets(0.01));
    }

    @Test
    void shouldSendSignsOfLifeWithinIdleBudget()
    {
        assertEquals(320_000_000L, FeedbackSchedule.silenceNs(8));
        assertEquals(1_280_000_000L, FeedbackSchedule.silenceNs(32));
        assertEquals(2_500_000_000L, FeedbackSchedule.silenceNs(64));
    }

    @Test
    void shouldHurryCreditFourTimesAsOftenButNotBelowFiveMilliseconds()
    {
        final FeedbackSchedule schedule = new FeedbackSchedule(new SplittableRandom(1));
        schedule.groupSize(32);
        assertEquals(32_000_000L, schedule.urgentIntervalNs());
        schedule.groupSize(2);
        assertEquals(5_000_000L, schedule.urgentIntervalNs());
    }

    @Test
    void shouldNotBackOffInSmallGroups()
    {
        final FeedbackSchedule schedule = new FeedbackSchedule(new SplittableRandom(1));
        schedule.groupSize(4);

        for (int i = 0; i < 100; i++)
        {
            assertEquals(0, schedule.backoffNs());
        }
    }

    @Test
    void shouldBackOffWithinBoundAndMostlyLateInLargeGroups()
    {
        final FeedbackSchedule schedule = new FeedbackSchedule(new SplittableRandom(7));
        schedule.groupSize(1000);
        int early = 0;
        for (int i = 0; i < 1000; i++)
        {
            final long backoffNs = schedule.backoffNs();
            assertTrue(backoffNs >= 0 && backoffNs <= FeedbackSchedule.BACKOFF_NS, backoffNs + " ns");
            if (backoffNs < FeedbackSchedule.BACKOFF_NS / 2)
            {
                early++;
            }
        }
        // P(backoff < T/2) = e^(-(ln N + 1) / 2) = 1.9% at N = 1000: few ask early.
        assertTrue(early < 60, early + " of 1000 in the first half");
    }

    @Test
    void shouldReportOnTheGridUnlessTheLastReportLeftAsksOver()
    {
        final long every = 3584;
        final double phase = 0.5;
        // The grid: reports where received + 1792 crosses a multiple of 3584, that is at 1792, 5376, 8960 ...
        assertFalse(FeedbackSchedule.countDue(5375, 1792, every, phase, false));
        assertTrue(FeedbackSchedule.countDue(5376, 1792, every, phase, false));
        assertFalse(FeedbackSchedule.countDue(2688, 1792, every, phase, false), "a quarter on: not yet, on the grid");

        assertTrue(FeedbackSchedule.countDue(2688, 1792, every, phase, true), "a quarter on, asks left over");
        assertFalse(FeedbackSchedule.countDue(2687, 1792, every, phase, true), "never sooner than a quarter");
        assertFalse(FeedbackSchedule.countDue(1800, 1792, every, phase, false), "a crossing just after a report");
    }
}
