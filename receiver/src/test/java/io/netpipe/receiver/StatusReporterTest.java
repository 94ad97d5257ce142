package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.FeedbackPace;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.FakeTransport;

class StatusReporterTest
{
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);

    private final ManualClock clock = new ManualClock(5_000 * MS);
    private final FakeTransport transport = new FakeTransport();
    private final StatusReporter reporter = new StatusReporter(transport, SessionSealing.unkeyed().newSealer(), 42L);
    private final ReceiveSession session = session(clock);

    private StatusReporterTest()
    {
        reporter.start(7, session, SENDER);
        reporter.admitted(3);
    }

    /** A session of 576-byte packets in a 1 MiB buffer (1,820 packets of credit), written nowhere. */
    private static ReceiveSession session(final ManualClock clock)
    {
        return new ReceiveSession(new SessionGeometry(576, 0), 1 << 20,
            new StreamWriter(Channels.newChannel(new ByteArrayOutputStream()), clock));
    }

    private void report() throws Exception
    {
        reporter.sendStatus(0, clock.nanoTime());
    }

    @Test
    void shouldNotReportUnchangedWindowAsNews() throws Exception
    {
        report();
        clock.advanceNs(StatusReporter.MIN_INTERVAL_NS);

        assertFalse(reporter.isDue(clock.nanoTime(), 0));
    }

    @Test
    void shouldReportChangeNoSoonerThanMinInterval() throws Exception
    {
        report();
        reporter.markDue();

        clock.advanceNs(StatusReporter.MIN_INTERVAL_NS - 1);
        assertFalse(reporter.isDue(clock.nanoTime(), 0));
        clock.advanceNs(1);
        assertTrue(reporter.isDue(clock.nanoTime(), 0));
    }

    @Test
    void shouldReportAsSignOfLifeAfterMaxInterval() throws Exception
    {
        report();

        clock.advanceNs(StatusReporter.MAX_INTERVAL_NS - 1);
        assertFalse(reporter.isDue(clock.nanoTime(), 0));
        clock.advanceNs(1);
        assertTrue(reporter.isDue(clock.nanoTime(), 0));
    }

    @Test
    void shouldSendNoSignOfLifeInALargeGroupWhileDataFlowsHoweverSlowlyButOnceItStops() throws Exception
    {
        reporter.groupSize(64);
        report();
        // 150 packets 90 ms apart: 13.5 s, five sign-of-life intervals, and still short of a report by count.
        for (long seq = 0; seq < 150; seq++)
        {
            clock.advanceNs(90 * MS);
            session.window().mark(seq, clock.nanoTime());
            assertFalse(reporter.isDue(clock.nanoTime(), 0), "while data flows, at packet " + seq);
        }

        clock.advanceNs(DataFlow.SILENT_STALL_NS - 1);
        assertFalse(reporter.isDue(clock.nanoTime(), 0), "a gap shorter than a stall is no silence");
        // The data stopped: the sign of life goes within its interval, where this receiver's phase puts it.
        long waitedNs = 0;
        while (!reporter.isDue(clock.nanoTime(), 0) && waitedNs <= reporter.schedule().standStillSilenceNs())
        {
            clock.advanceNs(MS);
            waitedNs += MS;
        }
        assertTrue(waitedNs <= reporter.schedule().standStillSilenceNs(),
            "no sign of life " + waitedNs / MS + " ms after the stop");
    }

    @Test
    void shouldSpreadTheSignsOfLifeOfAGroupWhoseDataStopsAtOnce() throws Exception
    {
        final List<Long> firstNs = new ArrayList<>();
        for (long nonce = 1; nonce <= 64; nonce++)
        {
            final ManualClock own = new ManualClock(5_000 * MS);
            final StatusReporter one = new StatusReporter(new FakeTransport(), SessionSealing.unkeyed().newSealer(), nonce);
            final ReceiveSession data = session(own);
            one.start(7, data, SENDER);
            one.groupSize(64);
            one.sendStatus(0, own.nanoTime());
            own.advanceNs(10_000 * MS);
            data.window().mark(0, own.nanoTime());
            one.isDue(own.nanoTime(), 0);
            final long stoppedNs = own.nanoTime();
            while (!one.isDue(own.nanoTime(), 0))
            {
                own.advanceNs(MS);
            }
            firstNs.add(own.nanoTime() - stoppedNs);
        }

        // Two sign-of-life intervals (5 s at 64): the stops of a class starved of CPU drew one from each at one.
        final long silenceNs = FeedbackPace.standStillSilenceNs(64);
        assertEquals(2 * FeedbackSchedule.silenceNs(64), silenceNs);
        final long earliest = firstNs.stream().mapToLong(Long::longValue).min().orElseThrow();
        final long latest = firstNs.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(earliest >= DataFlow.SILENT_STALL_NS + silenceNs / 2 &&
            latest <= DataFlow.SILENT_STALL_NS + silenceNs + MS,
            "within the second half of an interval after the stop: " + firstNs);
        assertTrue(latest - earliest >= silenceNs / 4, "spread over a quarter of an interval at least: " + firstNs);
    }

    @Test
    void shouldKeepNewsThatHoldsNobodyBackWhileTheDataStandsStillInALargeGroup() throws Exception
    {
        reporter.groupSize(64);
        report();
        for (long seq = 0; seq < 100; seq++)
        {
            session.window().mark(seq, clock.nanoTime());
        }
        reporter.markDue();
        // The position moved by 100 of its 1,820 packets of credit: the sender is nowhere near a limit of this
        // receiver's, so the news waits for the data, or for a sign of life at least half an interval into the stop.
        for (long waitedNs = 0; waitedNs < DataFlow.SILENT_STALL_NS + FeedbackPace.standStillSilenceNs(64) / 2;
            waitedNs += MS)
        {
            assertFalse(reporter.isDue(clock.nanoTime(), 0), "due " + waitedNs / MS + " ms after the last packet");
            clock.advanceNs(MS);
        }
    }

    @Test
    void shouldAddUpStopsAndStartsOfTheDataAsSilence() throws Exception
    {
        reporter.groupSize(64);
        report();
        // A packet every 1.15 s: each gap has about 150 ms of data standing still, the 5 s that make a sign of life
        // at 64 in 34 packets, far short of a report by count.
        long seq = 0;
        session.window().mark(seq++, clock.nanoTime());
        while (!reporter.isDue(clock.nanoTime(), 0) && seq < 200)
        {
            clock.advanceNs(10 * MS);
            if (clock.nanoTime() % (1_150 * MS) == 0)
            {
                session.window().mark(seq++, clock.nanoTime());
            }
        }

        // At least half an interval of stops (the phase's head start is at most the other half), at most a whole one.
        assertTrue(seq >= 17 && seq <= 35, "sign of life after " + seq + " packets");
    }

    @Test
    void shouldKeepSignsOfLifeWhileDataFlowsInSmallGroups() throws Exception
    {
        reporter.groupSize(4);
        report();
        for (long seq = 0; seq < 10 && !reporter.isDue(clock.nanoTime(), 0); seq++)
        {
            clock.advanceNs(20 * MS);
            session.window().mark(seq, clock.nanoTime());
        }

        assertTrue(reporter.isDue(clock.nanoTime(), 0));
    }

    @Test
    void shouldConfirmLessOftenTheLongerTheSenderInitializes() throws Exception
    {
        reporter.groupSize(64);
        final List<Long> sentAtMs = new ArrayList<>();
        for (long t = 0; t < 10_000; t += 20)
        {
            // The sender announces INIT every 20 ms, held up for 10 s by a receiver that never confirms.
            final int before = transport.sent().size();
            reporter.confirm(clock.nanoTime());
            if (transport.sent().size() > before)
            {
                sentAtMs.add(t);
            }
            clock.advanceNs(20 * MS);
        }

        // At once, then 320, 640 and 1,280 ms apart (what a sender takes to hear a crowd of 64 that confirmed at once,
        // 5 ms each), then every 2.5 s (the sign-of-life interval at 64): 7 confirmations where there were 500.
        assertEquals(List.of(0L, 320L, 960L, 2_240L, 4_740L, 7_240L, 9_740L), sentAtMs);
    }

    @Test
    void shouldSayDoneAtOnceThenAgainLessOftenForRepeatedEofs() throws Exception
    {
        reporter.groupSize(64);
        reporter.confirm(clock.nanoTime());
        clock.advanceNs(20 * MS);
        final List<Long> doneAtMs = new ArrayList<>();
        for (long t = 0; t < 3_000; t += 20)
        {
            // Verified at 0; the sender repeats EOF every 20 ms for a straggler, 3 s long.
            final int before = transport.sent().size();
            reporter.confirmDone(clock.nanoTime());
            if (transport.sent().size() > before)
            {
                assertEquals(StatusFrame.FLAG_DONE, Sent.status(transport.sent().getLast()).flags());
                doneAtMs.add(t);
            }
            clock.advanceNs(20 * MS);
        }

        // The first DONE does not wait for the roster's confirmations; 4 DONEs where each EOF drew one (150).
        assertEquals(List.of(0L, 320L, 960L, 2_240L), doneAtMs);
    }

    @Test
    void shouldAddressReportToSenderWithIdAndFlags() throws Exception
    {
        reporter.sendStatus(StatusFrame.FLAG_DONE, clock.nanoTime());

        final FakeTransport.Datagram sent = Sent.ofType(transport.sent(), FrameType.STATUS).getLast();
        final StatusFrame status = Sent.status(sent);
        assertEquals(SENDER, sent.address());
        assertEquals(3, status.receiverId());
        assertEquals(42L, status.nonce());
        assertEquals(StatusFrame.FLAG_DONE, status.flags());
    }

    @Test
    void shouldRepeatFailedReport() throws Exception
    {
        reporter.sendFailed("interrupted", clock.nanoTime());

        assertEquals(3, Sent.ofType(transport.sent(), FrameType.STATUS).size());
    }

    @Test
    void shouldTellSenderWhyItFailed() throws Exception
    {
        reporter.sendFailed("writing the output failed: exec: exit status 1", clock.nanoTime());

        final FakeTransport.Datagram sent = Sent.ofType(transport.sent(), FrameType.STATUS).getLast();
        final StatusFrame status = Sent.status(sent);
        assertEquals(StatusFrame.FLAG_FAILED, status.flags());
        assertEquals("writing the output failed: exec: exit status 1", status.reason(sent.bytes().length));
    }
}
