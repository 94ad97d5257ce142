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
    private final ReceiveSession session = new ReceiveSession(new SessionGeometry(576, 0), 1 << 20,
        new StreamWriter(Channels.newChannel(new ByteArrayOutputStream()), clock));

    private StatusReporterTest()
    {
        reporter.start(7, session, SENDER);
        reporter.admitted(3);
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

        assertFalse(reporter.isDue(clock.nanoTime()));
    }

    @Test
    void shouldReportChangeNoSoonerThanMinInterval() throws Exception
    {
        report();
        reporter.markDue();

        clock.advanceNs(StatusReporter.MIN_INTERVAL_NS - 1);
        assertFalse(reporter.isDue(clock.nanoTime()));
        clock.advanceNs(1);
        assertTrue(reporter.isDue(clock.nanoTime()));
    }

    @Test
    void shouldReportAsSignOfLifeAfterMaxInterval() throws Exception
    {
        report();

        clock.advanceNs(StatusReporter.MAX_INTERVAL_NS - 1);
        assertFalse(reporter.isDue(clock.nanoTime()));
        clock.advanceNs(1);
        assertTrue(reporter.isDue(clock.nanoTime()));
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

        // At once, then 100, 200, 400, 800 and 1,600 ms apart, then every 2.5 s (the sign-of-life interval at 64):
        // 8 confirmations where there were 100.
        assertEquals(List.of(0L, 100L, 300L, 700L, 1_500L, 3_100L, 5_600L, 8_100L), sentAtMs);
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
