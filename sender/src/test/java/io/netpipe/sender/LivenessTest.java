package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FeedbackPace;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.transport.FakeTransport;

class LivenessTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long DROP_AFTER_NS = 2 * SECOND;
    private static final long CYCLE_NS = 10 * MS;
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);

    private final ManualClock clock = new ManualClock(SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final Roster roster = new Roster(1024);
    private Liveness liveness = liveness(1);
    private long nextSequence;
    private final ReceiverState rx = roster.admit(5, new InetSocketAddress("10.0.0.5", 9001), "rx", 64,
        clock.nanoTime());

    private Liveness liveness(final int expected)
    {
        final SendConfig config = new SendConfig(1, 576, expected, 1, 0, DROP_AFTER_NS, 0, 16, DATA, DATA, null);
        return new Liveness(DROP_AFTER_NS, expected, roster,
            new ControlFrames(config, transport, SessionSealing.unkeyed().newSealer()), listener, clock.nanoTime());
    }

    /** The sender's duty cycles for {@code ns}, each judging liveness, none hearing from the receiver. */
    private void cycles(final long ns, final boolean backlog) throws Exception
    {
        for (long t = 0; t < ns; t += CYCLE_NS)
        {
            clock.advanceNs(CYCLE_NS);
            liveness.dropSilent(backlog, nextSequence, clock.nanoTime());
        }
    }

    /** The same, with a new sequence sent every {@code everyNs}: data flowing. */
    private void flowing(final long ns, final long everyNs) throws Exception
    {
        long sentNs = -everyNs;
        for (long t = 0; t < ns; t += CYCLE_NS)
        {
            clock.advanceNs(CYCLE_NS);
            if (t - sentNs >= everyNs)
            {
                sentNs = t;
                nextSequence++;
            }
            liveness.dropSilent(false, nextSequence, clock.nanoTime());
        }
    }

    private void report()
    {
        rx.lastHeardNs = clock.nanoTime();
    }

    @Test
    void shouldDropReceiverSilentPastTheLimitAndNameIt() throws Exception
    {
        cycles(DROP_AFTER_NS, false);
        assertEquals(ReceiverState.State.JOINED, rx.state(), "dropped at the limit, not past it");

        cycles(CYCLE_NS, false);

        assertEquals(ReceiverState.State.LOST, rx.state());
        assertEquals(List.of("0: silent for 2 s"), listener.lost);
        final List<FakeTransport.Datagram> byes = Sent.ofType(transport.sent(), FrameType.BYE);
        assertEquals(1, byes.size());
        assertEquals(ByeFrame.REASON_DROPPED, Sent.bye(byes.getFirst()).reason());
    }

    @Test
    void shouldKeepAReceiverWhoseLateReportFollowsAGapWhenTheSenderWasDescheduled() throws Exception
    {
        cycles(300 * MS, false);
        clock.advanceNs(1500 * MS); // the sender did not run: it heard nothing, and nobody was silent to it
        cycles(600 * MS, false);
        report(); // 2.4 s after the last one, late but there

        cycles(CYCLE_NS, false);

        assertEquals(ReceiverState.State.JOINED, rx.state());
        assertEquals(List.of(), listener.lost);
    }

    @Test
    void shouldNotCountCyclesThatLeftFeedbackQueued() throws Exception
    {
        cycles(3 * SECOND, true);
        cycles(DROP_AFTER_NS - 100 * MS, false);

        assertEquals(ReceiverState.State.JOINED, rx.state(), "the queue may hold its report");
    }

    @Test
    void shouldDropAReceiverSilentThroughAnEndlessFloodAfterFourLimits() throws Exception
    {
        cycles(Liveness.FLOOD_FACTOR * DROP_AFTER_NS, true);
        assertEquals(ReceiverState.State.JOINED, rx.state());

        cycles(CYCLE_NS, true);

        assertEquals(List.of("0: silent for 8 s"), listener.lost);
    }

    @Test
    void shouldGiveALargeGroupSeveralReportIntervals() throws Exception
    {
        liveness = liveness(1000);
        final long limitNs = Liveness.PACE_INTERVALS * FeedbackPace.longestSilenceNs(1000);
        assertEquals(limitNs, liveness.limitNs(), "a report interval of a 1,000 group, five times, beyond 2 s");

        cycles(limitNs, false);
        assertEquals(ReceiverState.State.JOINED, rx.state());
        cycles(CYCLE_NS, false);

        assertEquals(ReceiverState.State.LOST, rx.state());
    }

    @Test
    void shouldWaitForMoreThanTwoSignsOfLifeOfAStandStillInEveryGroup()
    {
        // A receiver of a large group reports once per stand-still interval while the data stands still: two of its
        // signs of life may be lost or late before the sender drops it, whatever the group.
        for (final int receivers : new int[] {5, 8, 32, 63, 64, 181, 1000})
        {
            liveness = liveness(receivers);
            assertTrue(liveness.limitNs() >= 2.5 * FeedbackPace.standStillSilenceNs(receivers),
                receivers + " receivers: " + liveness.limitNs() + " against " + FeedbackPace.standStillSilenceNs(receivers));
        }
    }

    @Test
    void shouldCountNoSilenceInALargeGroupWhileDataFlowsHoweverSlowly() throws Exception
    {
        liveness = liveness(64);
        final long limitNs = liveness.limitNs();

        // Its reports by count may be a minute apart at a few packets a second: that is no silence.
        flowing(Liveness.FLOOD_FACTOR * limitNs + SECOND, 90 * MS);
        assertEquals(ReceiverState.State.JOINED, rx.state(), "kept while data flows");

        // The data stops (the sender reached its window end): the silence counts from there.
        cycles(limitNs, false);
        assertEquals(ReceiverState.State.JOINED, rx.state(), "dropped only a whole limit after the data stopped ");
        cycles(FeedbackPace.SILENT_STALL_NS + CYCLE_NS, false);
        assertEquals(ReceiverState.State.LOST, rx.state());
    }

    @Test
    void shouldCountSilenceInASmallGroupWhileDataFlows() throws Exception
    {
        flowing(DROP_AFTER_NS + CYCLE_NS, 10 * MS);

        assertEquals(ReceiverState.State.LOST, rx.state(), "small groups' receivers report every 100 ms anyway");
    }

    @Test
    void shouldKeepAReceiverThatReportsWithoutMoving() throws Exception
    {
        for (int i = 0; i < 100; i++)
        {
            cycles(100 * MS, false);
            report(); // same position, same window: its output is blocked, it is not dead
        }

        assertEquals(ReceiverState.State.JOINED, rx.state());
    }

    @Test
    void shouldLeaveReceiversThatAreDoneAlone() throws Exception
    {
        rx.state = ReceiverState.State.DONE;
        cycles(10 * DROP_AFTER_NS, false);

        assertEquals(ReceiverState.State.DONE, rx.state());
        assertEquals(List.of(), transport.sent());
    }
}
