package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RateControllerTest
{
    private static final long START_NS = 1_000_000_000L;
    private static final long STEP_NS = 10_000L;
    private static final int DATAGRAM = 1472;
    private static final double INITIAL = 64e6;
    private static final double BURST = 48_000;

    private long nowNs = START_NS;

    /** Offers one datagram every 10 µs for {@code durationNs}: the sender's busy loop. */
    private long sendFor(final RateController rate, final long durationNs, final int datagram)
    {
        long bytes = 0;
        for (final long end = nowNs + durationNs; nowNs < end; nowNs += STEP_NS)
        {
            while (rate.tryAcquire(datagram, nowNs))
            {
                bytes += datagram;
            }
        }
        return bytes;
    }

    @Test
    void shouldAllowOneBurstAtOnce()
    {
        final RateController rate = new RateController(0, nowNs);

        int sent = 0;
        while (rate.tryAcquire(DATAGRAM, nowNs))
        {
            sent++;
        }

        assertEquals((int)(BURST / DATAGRAM), sent);
    }

    @Test
    void shouldPaceToInitialRate()
    {
        final RateController rate = new RateController(0, nowNs);

        final long bytes = sendFor(rate, 100_000_000L, DATAGRAM);

        assertEquals(INITIAL, rate.rateBytesPerSec());
        final double expected = INITIAL * 0.1;
        assertTrue(bytes >= expected && bytes <= expected + BURST + DATAGRAM, "sent " + bytes + " bytes in 100 ms");
    }

    @Test
    void shouldNeverExceedCap()
    {
        final RateController rate = new RateController(1_000_000L, nowNs);
        for (int i = 0; i < 50; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, false, true, true);
        }

        final long bytes = sendFor(rate, 1_000_000_000L, DATAGRAM);

        assertEquals(1e6, rate.rateBytesPerSec());
        assertTrue(bytes <= 1e6 + BURST + DATAGRAM, "sent " + bytes + " bytes in 1 s at a 1 MB/s cap");
    }

    @Test
    void shouldAllowOnlyOneBurstAfterIdling()
    {
        final RateController rate = new RateController(0, nowNs);
        nowNs += 1_000_000_000L;

        final long bytes = sendFor(rate, 1_000_000L, DATAGRAM);

        assertTrue(bytes <= BURST + INITIAL * 0.001 + DATAGRAM, "sent " + bytes + " bytes in the first ms after idling");
    }

    @Test
    void shouldPaceDatagramsLargerThanBurst()
    {
        final RateController rate = new RateController(0, nowNs);

        final long bytes = sendFor(rate, 100_000_000L, 65_507);

        assertTrue(bytes > INITIAL * 0.1 * 0.9, "sent " + bytes + " bytes of 64 KiB datagrams in 100 ms");
    }

    @Test
    void shouldSayWhenIntervalIsDue()
    {
        final RateController rate = new RateController(0, nowNs);

        assertFalse(rate.isIntervalDue(nowNs + RateController.INTERVAL_NS - 1));
        assertTrue(rate.isIntervalDue(nowNs + RateController.INTERVAL_NS));
        rate.endInterval(nowNs + RateController.INTERVAL_NS, false, true, true);
        assertFalse(rate.isIntervalDue(nowNs + RateController.INTERVAL_NS));
    }

    @Test
    void shouldGrowQuicklyInSlowStart()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);

        rate.endInterval(nowNs, false, false, true);

        assertEquals(INITIAL * 1.25, rate.rateBytesPerSec(), 1);
    }

    @Test
    void shouldNotGrowUntilReceiversConfirmedTheLastStep()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);

        rate.endInterval(nowNs, false, false, false);

        assertEquals(INITIAL, rate.rateBytesPerSec(), 1);
    }

    @Test
    void shouldHoldRateWhileBlocked()
    {
        final RateController rate = new RateController(0, nowNs);
        for (int i = 0; i < 50; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, false, true, true);
        }

        assertEquals(INITIAL, rate.rateBytesPerSec());
    }

    @Test
    void shouldNotReleaseMoreThanOneBurstAfterBlockedSpell()
    {
        final RateController rate = new RateController(0, nowNs);
        for (int i = 0; i < 50; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, false, true, true);
        }
        int sent = 0;
        while (rate.tryAcquire(DATAGRAM, nowNs))
        {
            sent++;
        }

        assertTrue(sent * DATAGRAM <= 256 << 10, "burst of " + sent + " datagrams");
    }

    @Test
    void shouldNotGrowFarPastWhatWasActuallySent()
    {
        final RateController rate = new RateController(0, nowNs);
        for (int i = 0; i < 10; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, false, false, true);
        }

        assertEquals(INITIAL, rate.rateBytesPerSec());
    }

    @Test
    void shouldBackOffByAQuarterOnCongestion()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);

        rate.endInterval(nowNs, true, false, true);

        assertEquals(INITIAL * 0.75, rate.rateBytesPerSec(), 1);
    }

    @Test
    void shouldBackOffToWhatAHeavilyLosingReceiverTakes()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);

        rate.endInterval(nowNs, true, false, true, 0.6);

        assertEquals(INITIAL * 0.4, rate.rateBytesPerSec(), INITIAL * 0.01, "60% lost: 40% gets through");
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);
        final double before = rate.rateBytesPerSec();
        rate.endInterval(nowNs, true, false, true, 0.1);
        assertEquals(before * 0.75, rate.rateBytesPerSec(), before * 0.01, "light loss: a quarter, as always");
    }

    @Test
    void shouldBackOffFromWhatWasActuallySent()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS / 2, DATAGRAM);
        final long sentUpTo = nowNs;
        nowNs = sentUpTo + RateController.INTERVAL_NS / 2;

        rate.endInterval(nowNs, true, false, true);

        assertTrue(rate.rateBytesPerSec() < INITIAL * 0.75 * 0.6, "rate " + rate.rateBytesPerSec());
    }

    @Test
    void shouldGrowSlowlyAfterFirstCongestion()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);
        rate.endInterval(nowNs, true, false, true);
        final double afterBackOff = rate.rateBytesPerSec();
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);

        rate.endInterval(nowNs, false, false, true);

        assertEquals(afterBackOff * 1.04, rate.rateBytesPerSec(), 1);
    }

    @Test
    void shouldUndoACutToTheRateAndSlowStartBeforeIt()
    {
        final RateController rate = new RateController(0, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);
        rate.endInterval(nowNs, true, false, true);
        assertEquals(INITIAL * 0.75, rate.rateBytesPerSec(), 1);

        rate.undoCut();

        assertEquals(INITIAL, rate.rateBytesPerSec(), 1, "back to the rate before the cut");
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);
        rate.endInterval(nowNs, false, false, true);
        assertEquals(INITIAL * 1.25, rate.rateBytesPerSec(), INITIAL * 0.01, "in slow start again");
    }

    @Test
    void shouldNotUndoACutPastTheCap()
    {
        final RateController rate = new RateController(50_000_000L, nowNs);
        sendFor(rate, RateController.INTERVAL_NS, DATAGRAM);
        rate.endInterval(nowNs, true, false, true);

        rate.undoCut();

        assertEquals(50e6, rate.rateBytesPerSec(), 1);
    }

    @Test
    void shouldNotBackOffBelowMinimum()
    {
        final RateController rate = new RateController(0, nowNs);
        for (int i = 0; i < 100; i++)
        {
            rate.endInterval(nowNs += RateController.INTERVAL_NS, true, false, true);
        }

        assertEquals(256e3, rate.rateBytesPerSec());
    }
}
