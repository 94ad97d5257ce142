package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.FakeTransport;

/**
 * The sender takes feedback only when it is possible (issue 11): DONE only for the whole stream after the EOF, and
 * only from the address the receiver joined from; positions and windows beyond what was sent or offered are
 * dropped; JOIN floods admit at most {@code -n} plus a margin.
 */
@Timeout(10)
class SenderIntegrityTest
{
    private static final int SESSION = 0x5E551011;
    private static final int PACKET_SIZE = SendConfig.MIN_PACKET_SIZE;
    private static final int PAYLOAD = DataFrame.payloadCapacity(PACKET_SIZE);
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);
    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private SenderRig rig;
    private SenderAgent sender;

    private void start(final int expected, final int packets)
    {
        final SendConfig config = new SendConfig(SESSION, PACKET_SIZE, expected, 1, 0, 3600 * SECOND, 0, 64, DATA,
            DATA, null);
        final byte[] input = new byte[packets * PAYLOAD];
        new Random(packets).nextBytes(input);
        rig = new SenderRig(config, input, transport, clock, listener);
        sender = rig.sender();
    }

    private void work() throws IOException
    {
        rig.work();
    }

    private void toTransfer(final FakeReceiver rx) throws IOException
    {
        rx.join();
        work();
        rx.status(0, rx.window());
        work();
        assertEquals(1, listener.started.size(), "the transfer did not start");
    }

    private long dataSent()
    {
        return transport.sent().stream().filter(d -> Sent.type(d) == FrameType.DATA).count();
    }

    @Test
    void shouldTakeDoneOnlyFromTheAddressTheReceiverJoinedFrom() throws IOException
    {
        start(1, 3);
        final FakeReceiver rx = new FakeReceiver(transport, SESSION, 0, 64);
        toTransfer(rx);
        work();
        final long bad = sender.badFrames();

        // Same id and nonce (both announced in clear), another host.
        new FakeReceiver(transport, SESSION, 0, 64, new InetSocketAddress("10.0.0.66", 9000))
            .status(StatusFrame.FLAG_DONE, 3, 64);
        work();

        assertFalse(sender.isDone(), "a forged DONE completed the session");
        assertEquals(bad + 1, sender.badFrames());
        rx.status(StatusFrame.FLAG_DONE, 3, 64);
        work();
        assertTrue(sender.isDone());
        assertEquals(SendResult.Outcome.COMPLETE, sender.result().outcome());
    }

    @Test
    void shouldDropStatusClaimingMoreThanWasSent() throws IOException
    {
        start(1, 3);
        final FakeReceiver rx = new FakeReceiver(transport, SESSION, 0, 64);
        toTransfer(rx);
        work();
        final long bad = sender.badFrames();

        rx.status(StatusFrame.FLAG_DONE, 1L << 40, (1L << 40) + 64);
        rx.status(0, 0, 64, 2, StatusFrame.MAX_RANGE_PACKETS);
        rx.status(0, 0, 64, 0xFFFF_FFFFL, 2);
        work();

        assertFalse(sender.isDone(), "a DONE beyond the stream completed the session");
        assertEquals(bad + 3, sender.badFrames());
    }

    @Test
    void shouldNeverRunPastTheWindowAReceiverJoinedWith() throws IOException
    {
        start(1, 40);
        final FakeReceiver rx = new FakeReceiver(transport, SESSION, 0, 8);
        toTransfer(rx);
        for (int i = 0; i < 10; i++)
        {
            rx.status(0, 1L << 40);
            work();
        }

        assertEquals(8, dataSent(), "released frames beyond the window the receiver offered");
    }

    @Test
    void shouldAdmitAtMostTheReceiversAwaitedPlusTheMargin() throws IOException
    {
        start(2, 1);
        for (int i = 0; i < 40; i++)
        {
            new FakeReceiver(transport, SESSION, i, 64).join();
        }
        work();

        assertEquals(2 + Rendezvous.ADMISSION_MARGIN, listener.joined.size());
    }
}
