package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportedLimitsTest
{
    private static final int CREDIT = 1000;

    private final ReportedLimits limits = new ReportedLimits();
    private final ReceiveWindow window = new ReceiveWindow(4096);

    private void receiveUpTo(final long end)
    {
        for (long seq = window.highest(); seq < end; seq++)
        {
            window.mark(seq, 0);
        }
    }

    @Test
    void shouldHoldTheSenderWhenTheDataStoppedAtAWindowEndReportedEvenIfLaterReportsWereLost()
    {
        limits.reported(1000, 500);
        limits.reported(1300, 800); // lost on the way: the sender still runs to 1000
        receiveUpTo(1000);

        assertTrue(limits.holdTheSender(window, 1400, CREDIT), "stopped at 1000, reported earlier");
        assertFalse(limits.holdTheSender(window, 1000, CREDIT), "no room past it: nothing to tell");
    }

    @Test
    void shouldNotHoldTheSenderWhenTheDataStoppedShortOfEveryLimit()
    {
        limits.reported(1000, 500);
        limits.reported(1300, 800);
        receiveUpTo(700);

        assertFalse(limits.holdTheSender(window, 1700, CREDIT), "another receiver holds it at 700");
    }

    @Test
    void shouldHoldTheSenderWhenItHoldsAWholeCreditPastAPositionReported()
    {
        limits.reported(1000, 0);
        receiveUpTo(995);

        assertTrue(limits.holdTheSender(window, 995, CREDIT), "995 frames held past position 0");
        limits.reported(1995, 995);
        assertTrue(limits.holdTheSender(window, 1995, CREDIT), "the older report may be all the sender has");
    }

    @Test
    void shouldNotHoldTheSenderWhenTheDataStopsBetweenLimitsReportedLongBefore()
    {
        // An init-phase report at 0, then reports by count 400 apart: a credit behind the first is no limit.
        limits.reported(1000, 0);
        limits.reported(1400, 400);
        limits.reported(1800, 800);
        receiveUpTo(1130);

        assertFalse(limits.holdTheSender(window, 2130, CREDIT), "stopped 1130 past 0, 730 past 400, 330 before 1400");
        receiveUpTo(1400);
        assertTrue(limits.holdTheSender(window, 2400, CREDIT), "stopped a credit past 400 and at 1400");
    }

    @Test
    void shouldHoldTheSenderWhenItKeepsACreditOfFramesForALossOfOurs()
    {
        limits.reported(1000, 0);
        window.mark(0, 0);
        for (long seq = 2; seq < 1000; seq++)
        {
            window.mark(seq, 0);
        }

        assertTrue(limits.holdTheSender(window, 1000, CREDIT), "held a credit past 0 for packet 1: ask for it");
    }

    @Test
    void shouldForgetASessionsReports()
    {
        limits.reported(1000, 0);
        receiveUpTo(1000);
        limits.clear(0);

        assertFalse(limits.holdTheSender(window, 2000, CREDIT));
    }
}
