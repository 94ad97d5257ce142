package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;

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
