package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RepairAsksTest
{
    private static final long MS = 1_000_000L;
    private static final long FLOOR_NS = 10 * MS;

    private final RepairAsks asks = new RepairAsks(1024);

    @Test
    void shouldRetryAtTheFloorUntilARepairWasTimed()
    {
        assertEquals(FLOOR_NS, asks.retryNs(FLOOR_NS));
        asks.asked(5, 0, FLOOR_NS);
        assertFalse(asks.askable(5, FLOOR_NS - 1, FLOOR_NS));
        assertTrue(asks.askable(5, FLOOR_NS, FLOOR_NS));
        assertTrue(asks.askable(6, 0, FLOOR_NS), "a sequence never asked for");
    }

    @Test
    void shouldLearnTheRoundTripOfRepairsAskedOnce()
    {
        asks.asked(1, 0, FLOOR_NS);
        asks.arrived(1, 400 * MS);
        assertEquals(400 * MS + 4 * 200 * MS, asks.retryNs(FLOOR_NS), "first sample: mean plus four half-samples");
        assertEquals(400 * MS + 4 * 200 * MS, asks.retryNs(0), "behind: the floor of small groups no longer holds");

        for (long seq = 2; seq < 60; seq++)
        {
            asks.asked(seq, seq * 1000 * MS, FLOOR_NS);
            asks.arrived(seq, seq * 1000 * MS + 400 * MS);
        }
        final long retryNs = asks.retryNs(FLOOR_NS);
        assertTrue(retryNs >= 400 * MS && retryNs < 450 * MS, "steady 400 ms repairs: retry " + retryNs / MS + " ms");
        assertEquals(FLOOR_NS * 60, asks.retryNs(FLOOR_NS * 60), "a floor above the estimate wins");
    }

    @Test
    void shouldKeepTheFloorWhileRepairsComeQuickly()
    {
        for (long seq = 1; seq < 50; seq++)
        {
            asks.asked(seq, seq * 100 * MS, FLOOR_NS);
            asks.arrived(seq, seq * 100 * MS + 30 * MS);
        }
        assertEquals(FLOOR_NS, asks.retryNs(FLOOR_NS), "30 ms repairs: a receiver that keeps up");
        assertEquals(0, asks.retryNs(0), "a floor of 0: every report lists every loss");
        asks.asked(100, 0, 0);
        asks.asked(100, 0, 0);
        assertTrue(asks.askable(100, 0, 0));
    }

    @Test
    void shouldTakeNoSampleFromARepairAskedTwice()
    {
        asks.asked(1, 0, FLOOR_NS);
        asks.asked(1, 150 * MS, FLOOR_NS);
        asks.arrived(1, 300 * MS);
        assertEquals(2 * FLOOR_NS, asks.retryNs(FLOOR_NS), "either ask's repair: no sample, the doubling stays");
    }

    @Test
    void shouldDoubleTheRetryOncePerPeriodWhileRepairsAreOverdue()
    {
        for (long seq = 0; seq < 100; seq++)
        {
            asks.asked(seq, 0, FLOOR_NS);
        }
        for (long seq = 0; seq < 100; seq++)
        {
            asks.asked(seq, FLOOR_NS, FLOOR_NS);
        }
        assertEquals(2 * FLOOR_NS, asks.retryNs(FLOOR_NS), "a hundred overdue at once double it once");
        asks.asked(0, 3 * FLOOR_NS, FLOOR_NS);
        assertEquals(4 * FLOOR_NS, asks.retryNs(FLOOR_NS));

        asks.asked(500, 4 * FLOOR_NS, FLOOR_NS);
        asks.arrived(500, 4 * FLOOR_NS + 2 * MS);
        assertEquals(FLOOR_NS, asks.retryNs(FLOOR_NS), "a timed repair ends the doubling");
    }

    @Test
    void shouldFindASmallGroupReceiverBehindByItsFirstRepair()
    {
        for (long t = 0; t < 500 * MS; t += 5 * MS)
        {
            assertTrue(asks.askable(1, t, 0), "a retry of 0: every report asks");
            asks.asked(1, t, 0);
        }
        asks.arrived(1, 500 * MS);
        assertTrue(asks.retryNs(0) >= 500 * MS, "timed from the first ask: " + asks.retryNs(0) / MS + " ms");
    }

    /**
     * A receiver that fell 500 ms behind (its socket queue): every repair the sender sends reaches it 500 ms later.
     * It reports every 5 ms and loses a packet every 20 ms. With the old fixed retry (60 ms, or 0 in small groups)
     * each loss was asked for, and repaired, 8 to 60 times; now about once, once the round trip is learned.
     */
    @Test
    void shouldAskForALossAboutOnceWhenRepairsQueueBehindSecondsOfData()
    {
        final int[] repairs = simulateQueueBehind(FLOOR_NS);
        final int total = Arrays.stream(repairs).sum();
        System.out.printf("RepairAsksTest: retry floor 10 ms: %d repairs for %d losses%n", total, repairs.length);
        assertTrue(total <= 2 * repairs.length, total + " repairs for " + repairs.length + " losses");

        final int[] smallGroup = simulateQueueBehind(0);
        // Until the first repair is timed (500 ms) a small group asks at every report, as before; then once.
        final int late = Arrays.stream(smallGroup, 50, smallGroup.length).sum();
        System.out.printf("RepairAsksTest: retry floor 0: %d repairs for %d losses, %d for the %d after the first "
            + "second%n", Arrays.stream(smallGroup).sum(), smallGroup.length, late, smallGroup.length - 50);
        assertTrue(late <= 2 * (smallGroup.length - 50), late + " repairs");
    }

    /** @return repairs sent per loss, for a receiver whose repairs arrive 500 ms after the sender sends them. */
    private static int[] simulateQueueBehind(final long floorNs)
    {
        final RepairAsks asks = new RepairAsks(1024);
        final long queueNs = 500 * MS;
        final long holdoffNs = 8 * MS;
        final long[] lastSentNs = new long[400];
        Arrays.fill(lastSentNs, Long.MIN_VALUE / 2);
        final int[] repairs = new int[400];
        final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
        final boolean[] held = new boolean[400];
        int losses = 0;
        for (long nowNs = 0; nowNs < 10_000 * MS; nowNs += 5 * MS)
        {
            while (!inFlight.isEmpty() && inFlight.peekFirst()[1] <= nowNs)
            {
                final int seq = (int)inFlight.pollFirst()[0];
                if (!held[seq])
                {
                    held[seq] = true;
                    asks.arrived(seq, nowNs);
                }
            }
            if (nowNs % (20 * MS) == 0 && losses < held.length)
            {
                losses++;
            }
            for (int seq = 0; seq < losses; seq++)
            {
                if (!held[seq] && asks.askable(seq, nowNs, floorNs))
                {
                    asks.asked(seq, nowNs, floorNs);
                    if (nowNs - lastSentNs[seq] >= holdoffNs)
                    {
                        lastSentNs[seq] = nowNs;
                        repairs[seq]++;
                        inFlight.addLast(new long[] {seq, nowNs + queueNs});
                    }
                }
            }
        }
        for (int seq = 0; seq < losses; seq++)
        {
            assertTrue(held[seq], "loss " + seq + " never repaired");
        }
        return repairs;
    }
}
