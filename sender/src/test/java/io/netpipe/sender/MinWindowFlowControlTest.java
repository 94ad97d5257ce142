package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;

class MinWindowFlowControlTest
{
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final Roster roster = new Roster(8);
    private final FlowControl flow = new MinWindowFlowControl();

    private ReceiverState active(final int window)
    {
        final ReceiverState r = roster.admit(roster.size() + 1, new InetSocketAddress("10.0.0.9", 9001), "", window,
            clock.nanoTime());
        r.state = ReceiverState.State.ACTIVE;
        return r;
    }

    @Test
    void shouldLimitNewDataToSmallestLiveWindow()
    {
        active(1000);
        final ReceiverState slow = active(100);

        assertEquals(100, flow.sendLimit(roster));
        flow.onStatus(slow, 400);
        assertEquals(400, flow.sendLimit(roster));
    }

    @Test
    void shouldNotShrinkWindowOnLateReport()
    {
        final ReceiverState r = active(100);
        flow.onStatus(r, 500);

        flow.onStatus(r, 300);

        assertEquals(500, flow.sendLimit(roster));
    }

    @Test
    void shouldIgnoreLostReceiversWindow()
    {
        active(1000);
        final ReceiverState lost = active(10);
        lost.state = ReceiverState.State.LOST;

        assertEquals(1000, flow.sendLimit(roster));
    }

    @Test
    void shouldHaveNoLimitWithoutLiveReceivers()
    {
        assertEquals(Long.MAX_VALUE, flow.sendLimit(roster));
    }

    @Test
    void shouldReleaseOnlyWhatEveryLiveOrDoneReceiverHolds()
    {
        final ReceiverState a = active(1000);
        final ReceiverState b = active(1000);
        final ReceiverState gone = active(1000);
        a.contiguous = 50;
        b.contiguous = 30;
        b.state = ReceiverState.State.DONE;
        gone.contiguous = 5;
        gone.state = ReceiverState.State.LOST;

        assertEquals(30, flow.releasePoint(roster, 80));
        a.state = ReceiverState.State.FAILED;
        b.state = ReceiverState.State.FAILED;
        assertEquals(80, flow.releasePoint(roster, 80), "nobody left to wait for");
    }
}
