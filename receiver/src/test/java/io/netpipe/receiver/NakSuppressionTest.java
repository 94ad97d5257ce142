package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.FakeTransport;

/**
 * NAK suppression at scale, driven by the injected clock: 1,000 receivers lose the same packet at the same moment,
 * all having last reported at the same moment (the worst case: nothing spreads their turns). The first NAK reaches
 * the sender, whose repair notice reaches every receiver one round trip later; only the receivers whose back-off
 * ran out before that ask.
 */
class NakSuppressionTest
{
    private static final long MS = 1_000_000L;
    private static final int RECEIVERS = 1000;
    private static final long LOST = 5;
    private static final long SENT = 10;
    private static final long ROUND_TRIP_NS = 5 * MS;
    private static final long STEP_NS = MS / 10;
    /** The bound asserted: with a 40 ms back-off over a 5 ms round trip, about e^(7.9 * 5 / 40) = 2.7 times 1/e. */
    private static final int MAX_NAKS = 15;
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);

    private final ManualClock clock = new ManualClock(10_000 * MS);
    private final List<FakeTransport> transports = new ArrayList<>();
    private final List<StatusReporter> reporters = new ArrayList<>();
    private final List<ReceiveSession> sessions = new ArrayList<>();

    private NakSuppressionTest()
    {
        for (int i = 0; i < RECEIVERS; i++)
        {
            final FakeTransport transport = new FakeTransport();
            final StatusReporter reporter = new StatusReporter(transport, SessionSealing.unkeyed().newSealer(), i,
                new SplittableRandom(1000 + i));
            final ReceiveSession session = new ReceiveSession(new SessionGeometry(576, 0), 0,
                new StreamWriter(Channels.newChannel(new ByteArrayOutputStream()), clock));
            reporter.start(7, session, SENDER);
            reporter.admitted(i);
            reporter.groupSize(RECEIVERS);
            transports.add(transport);
            reporters.add(reporter);
            sessions.add(session);
        }
    }

    private static boolean asksFor(final FakeTransport.Datagram datagram, final long seq)
    {
        final StatusFrame status = Sent.status(datagram);
        for (int i = 0; i < status.rangeCount(); i++)
        {
            if (seq >= status.rangeStart(i) && seq < status.rangeStart(i) + status.rangeLength(i))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Steps the clock a millisecond at a time until a report is due, failing after two back-offs.
     *
     * @return how long it took.
     */
    private long awaitDue(final StatusReporter reporter, final String never) throws Exception
    {
        final long fromNs = clock.nanoTime();
        while (!reporter.isDue(clock.nanoTime(), 0))
        {
            assertTrue(clock.nanoTime() - fromNs <= 2 * FeedbackSchedule.BACKOFF_NS, never);
            clock.advanceNs(MS);
        }
        return clock.nanoTime() - fromNs;
    }

    /**
     * Steps the clock a millisecond at a time for {@code durationNs}, failing if a report is due meanwhile.
     *
     * @param what what the time is, for the failure: "asked N ms into " it.
     */
    private void assertQuietFor(final StatusReporter reporter, final long durationNs, final String what)
        throws Exception
    {
        final long fromNs = clock.nanoTime();
        while (clock.nanoTime() - fromNs < durationNs)
        {
            assertFalse(reporter.isDue(clock.nanoTime(), 0),
                "asked " + (clock.nanoTime() - fromNs) / MS + " ms into " + what);
            clock.advanceNs(MS);
        }
    }

    /**
     * The first receiver, in a group of {@code receivers}, holding packets 0 and 2: packet 1 is its loss.
     *
     * @return its reporter.
     */
    private StatusReporter lostOne(final int receivers)
    {
        final StatusReporter reporter = reporters.getFirst();
        reporter.groupSize(receivers);
        sessions.getFirst().window().mark(0, clock.nanoTime());
        sessions.getFirst().window().mark(2, clock.nanoTime());
        return reporter;
    }

    /** The sender's EOF: the stream has {@code packets} packets, so every loss is due (the tail waits for them). */
    private static void eof(final ReceiveSession session, final long packets)
    {
        final EofFrame eof = new EofFrame();
        eof.wrap(ByteBuffer.allocate(EofFrame.LENGTH)).writeHeader(FrameType.EOF, 7);
        eof.packetCount(packets).byteCount(packets).putDigest(new byte[32]);
        assertTrue(session.onEof(eof));
    }

    private static ByteBuffer repairNotice(final long next, final long start, final int length)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(HeartbeatFrame.MAX_LENGTH);
        final HeartbeatFrame notice = new HeartbeatFrame();
        notice.wrap(buffer).writeHeader(FrameType.HEARTBEAT, 7);
        notice.nextSequence(next).range(0, start, length);
        return buffer;
    }

    @Test
    void shouldBoundNaksWhenThousandReceiversLoseSamePacket() throws Exception
    {
        final long lastReportNs = clock.nanoTime() - FeedbackSchedule.intervalNs(RECEIVERS) + MS;
        for (final StatusReporter reporter : reporters)
        {
            reporter.sendStatus(0, lastReportNs);
        }
        for (final ReceiveSession session : sessions)
        {
            for (long seq = 0; seq < SENT; seq++)
            {
                if (seq != LOST)
                {
                    session.window().mark(seq, clock.nanoTime());
                }
            }
            // The stream's tail: every loss is due once the data stopped.
            eof(session, SENT);
        }
        final HeartbeatFrame notice = new HeartbeatFrame();
        notice.wrap(repairNotice(SENT, LOST, 1));
        final int[] reported = new int[RECEIVERS];
        final boolean[] asked = new boolean[RECEIVERS];
        int naks = 0;
        long firstNakNs = -1;
        boolean noticed = false;
        long repairNs = -1;
        final long endNs = clock.nanoTime() + 3_000 * MS;
        while (clock.nanoTime() < endNs)
        {
            final long nowNs = clock.nanoTime();
            if (firstNakNs >= 0 && !noticed && nowNs >= firstNakNs + ROUND_TRIP_NS)
            {
                // The sender queued the repair and says so on the data channel; the repair follows.
                sessions.forEach(session -> session.onHeartbeat(notice, nowNs));
                noticed = true;
                repairNs = nowNs + MS;
            }
            if (noticed && nowNs == repairNs)
            {
                sessions.forEach(session -> session.window().mark(LOST, nowNs));
            }
            for (int i = 0; i < RECEIVERS; i++)
            {
                if (reporters.get(i).isDue(nowNs, 0))
                {
                    reporters.get(i).sendStatus(0, nowNs);
                    reported[i]++;
                    final List<FakeTransport.Datagram> sent = transports.get(i).sent();
                    if (asksFor(sent.getLast(), LOST) && !asked[i])
                    {
                        asked[i] = true;
                        naks++;
                        firstNakNs = firstNakNs < 0 ? nowNs : firstNakNs;
                    }
                }
            }
            clock.advanceNs(STEP_NS);
        }

        System.out.println("NakSuppressionTest: " + RECEIVERS + " receivers lost one packet, " + naks +
            " asked before the notice silenced the rest");
        assertTrue(naks >= 1, "nobody asked");
        assertTrue(naks <= MAX_NAKS, naks + " NAKs");
    }

    @Test
    void shouldAskForLossOnceThenAgainOnlyAfterRetry() throws Exception
    {
        final StatusReporter reporter = lostOne(8);
        final ReceiveSession session = sessions.getFirst();
        final FakeTransport transport = transports.getFirst();
        eof(session, 3);
        reporter.isDue(clock.nanoTime(), 0);
        clock.advanceNs(DataFlow.STALL_NS);
        reporter.isDue(clock.nanoTime(), 0); // the data stopped before the count came up: the back-off starts now
        clock.advanceNs(FeedbackSchedule.BACKOFF_NS);
        assertTrue(reporter.isDue(clock.nanoTime(), 0), "the loss is not reported after its back-off");
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transport.sent().getLast())));

        clock.advanceNs(FeedbackSchedule.RETRY_NS - 1);
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of(), Sent.ranges(Sent.status(transport.sent().getLast())), "asked again too soon");

        clock.advanceNs(1);
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transport.sent().getLast())));
    }

    @Test
    void shouldHoldLossesWhileTheSenderIsNotHeardAtAllThenAskOnceItHeartbeatsAgain() throws Exception
    {
        final StatusReporter reporter = lostOne(64);
        final long lastHeardNs = clock.nanoTime();
        // The data stops and nothing at all comes, not even a heartbeat: the sender is not running. A NAK would
        // only join the pile it finds when it runs again.
        for (long waitedNs = 0; waitedNs < DataFlow.SILENT_STALL_NS; waitedNs += MS)
        {
            assertFalse(reporter.isDue(clock.nanoTime(), clock.nanoTime() - lastHeardNs),
                "asked " + waitedNs / MS + " ms into the sender's silence");
            clock.advanceNs(MS);
        }

        // It heartbeats again, held back (waiting for this receiver, say): once that lasted, the loss goes after a
        // back-off, not at once with the group's.
        final long heardAgainNs = clock.nanoTime();
        long askedAfterNs = -1;
        for (long waitedNs = 0; waitedNs <= StopNews.YOUNG_LOSSES_WAIT_NS + 2 * FeedbackSchedule.BACKOFF_NS &&
            askedAfterNs < 0; waitedNs += MS)
        {
            if (waitedNs % (HeartbeatFrame.INTERVAL_NS / MS * MS) == 0)
            {
                reporter.senderHeldBack(clock.nanoTime());
            }
            if (reporter.isDue(clock.nanoTime(), (clock.nanoTime() - heardAgainNs) % HeartbeatFrame.INTERVAL_NS))
            {
                askedAfterNs = waitedNs;
            }
            clock.advanceNs(MS);
        }
        assertTrue(askedAfterNs >= 0, "the loss was not asked for once the sender heartbeat again");
        assertTrue(askedAfterNs > StopNews.YOUNG_LOSSES_WAIT_NS,
            "asked " + askedAfterNs / MS + " ms after the sender was heard again, with the whole group");
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transports.getFirst().sent().getLast())));
    }

    @Test
    void shouldLeaveYoungLossesOfAStopToTheCountUnlessTheHoldLasts() throws Exception
    {
        final StatusReporter reporter = lostOne(64);
        // The data stops, the sender heartbeats (held back by another receiver): a loss just behind the newest
        // packet cannot be what holds it, and waits for the count that comes when the data flows again.
        reporter.senderHeldBack(clock.nanoTime());
        assertQuietFor(reporter, StopNews.YOUNG_LOSSES_WAIT_NS, "a stop for a loss that holds nobody");

        // A hold that long is not one an old loss explains: nothing else would ask, so it goes, after a back-off of
        // its own.
        assertTrue(awaitDue(reporter, "never asked") > 0,
            "asked the moment the hold was long enough, with the whole group");
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transports.getFirst().sent().getLast())));
    }

    @Test
    void shouldLeaveYoungLossesToTheCountInAStopOfASenderThatWaitsForNoReceiver() throws Exception
    {
        final StatusReporter reporter = lostOne(64);
        // The data stops for 2 s and the sender heartbeats without FLAG_HELD_BACK: it waits for its input (or ran out
        // of CPU between two bursts), and nothing a receiver asks for now moves it.
        assertQuietFor(reporter, 2_000 * MS, "a stop that waits for nobody");

        // Then it says it waits for its receivers: the loss goes once that has lasted, after a back-off.
        reporter.senderHeldBack(clock.nanoTime());
        assertQuietFor(reporter, StopNews.YOUNG_LOSSES_WAIT_NS, "a hold not yet long enough");
        awaitDue(reporter, "never asked once the sender waited for its receivers");
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transports.getFirst().sent().getLast())));
    }

    @Test
    void shouldAskInAStopForALossThatMayHoldTheSender() throws Exception
    {
        final StatusReporter reporter = reporters.getFirst();
        final ReceiveSession session = sessions.getFirst();
        reporter.groupSize(64);
        // The oldest loss is half a credit below the newest packet: the sender may stop a credit past it.
        final long newest = session.window().capacity() / 2 + 1;
        for (long seq = 0; seq <= newest; seq++)
        {
            if (seq != 1)
            {
                session.window().mark(seq, clock.nanoTime());
            }
        }
        reporter.isDue(clock.nanoTime(), 0);
        clock.advanceNs(DataFlow.STALL_NS);

        awaitDue(reporter, "never asked in the stop");
        reporter.sendStatus(0, clock.nanoTime());
        assertEquals(List.of("1+1"), Sent.ranges(Sent.status(transports.getFirst().sent().getLast())));
    }

    @Test
    void shouldNotSendAReportInAStopThatWouldAskForNothing() throws Exception
    {
        final StatusReporter reporter = lostOne(64);
        final ReceiveSession session = sessions.getFirst();
        final FakeTransport transport = transports.getFirst();
        eof(session, 3);
        final HeartbeatFrame notice = new HeartbeatFrame();
        notice.wrap(repairNotice(3, 1, 1));
        final int before = transport.sent().size();
        // Until the retry of the repair the sender announces as the data stops, before this receiver's back-off
        // ends: asking would tell it nothing.
        for (long waitedNs = 0; waitedNs < DataFlow.STALL_NS + FeedbackSchedule.RETRY_NS; waitedNs += MS)
        {
            if (waitedNs == DataFlow.STALL_NS)
            {
                session.onHeartbeat(notice, clock.nanoTime());
            }
            if (reporter.isDue(clock.nanoTime(), 0))
            {
                reporter.sendStatus(0, clock.nanoTime());
            }
            clock.advanceNs(MS);
        }

        assertEquals(before, transport.sent().size(), () -> "sent a report that asks for nothing: ranges " +
            Sent.ranges(Sent.status(transport.sent().getLast())) + ", contiguous " +
            Sent.status(transport.sent().getLast()).contiguous());
    }

    @Test
    void shouldNotAskForRepairTheSenderAnnounced() throws Exception
    {
        final StatusReporter reporter = reporters.getFirst();
        final ReceiveSession session = sessions.getFirst();
        final FakeTransport transport = transports.getFirst();
        reporter.groupSize(8);
        session.window().mark(0, clock.nanoTime());
        session.window().mark(3, clock.nanoTime());
        final HeartbeatFrame notice = new HeartbeatFrame();
        notice.wrap(repairNotice(4, 1, 1));
        session.onHeartbeat(notice, clock.nanoTime());
        reporter.isDue(clock.nanoTime(), 0);
        clock.advanceNs(FeedbackSchedule.BACKOFF_NS);

        reporter.sendStatus(0, clock.nanoTime());

        assertEquals(List.of("2+1"), Sent.ranges(Sent.status(transport.sent().getLast())));
        assertEquals(2, session.window().lostCount(), "a suppressed NAK is still a loss");
    }
}
