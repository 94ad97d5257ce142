package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionTag;
import io.netpipe.transport.FakeTransport;

/** What a sender heard but could not take is named, with its source; a dropped receiver carries its reason. */
@Timeout(10)
class SenderHearsStrangersTest
{
    private static final int SESSION = SessionTag.of("lab-a") | 1;
    private static final int PACKET_SIZE = SendConfig.MIN_PACKET_SIZE;
    private static final int PAYLOAD = DataFrame.payloadCapacity(PACKET_SIZE);
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);
    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private SenderRig rig;
    private SenderAgent sender;

    private void start(final int expected, final long maxWaitNs, final long dropAfterNs, final int packets)
    {
        final SendConfig config = new SendConfig(SESSION, PACKET_SIZE, expected, expected, maxWaitNs, dropAfterNs, 0,
            16, DATA, DATA, null);
        rig = new SenderRig(config, new byte[packets * PAYLOAD], transport, clock, listener);
        sender = rig.sender();
    }

    private void work() throws IOException
    {
        rig.work();
    }

    private void waitOut(final long ns) throws IOException
    {
        for (long t = 0; t <= ns && !sender.isDone(); t += 100_000_000L)
        {
            work();
            clock.advanceMs(100);
        }
        work();
    }

    @Test
    void shouldListReceiverOfAnotherSessionWhenMaxWaitEnds() throws IOException
    {
        start(1, 2 * SECOND, SECOND, 4);
        final FakeReceiver other = new FakeReceiver(transport, SessionTag.of("lab-b") | 7, 0, 64,
            new InetSocketAddress("127.0.0.9", 40001));
        other.join();
        other.join();

        waitOut(3 * SECOND);

        assertEquals(SendResult.Outcome.TIMEOUT, sender.result().outcome());
        final String message = sender.result().message();
        assertTrue(message.contains("only 0 of 1 receivers joined"), message);
        assertTrue(message.contains("sending to 10.0.0.255 port 9000, feedback on port 9001"), message);
        assertTrue(message.contains("heard 2 datagrams of another session (id " +
            String.format("%08x", SessionTag.of("lab-b") | 7) + ") from 127.0.0.9:40001"), message);
        final Heard heard = sender.result().heard().getFirst();
        assertEquals(Heard.Kind.OTHER_SESSION, heard.kind());
        assertEquals(2, heard.count());
    }

    @Test
    void shouldSayNothingWasHeardWhenMaxWaitEndsInSilence() throws IOException
    {
        start(1, SECOND, SECOND, 4);

        waitOut(2 * SECOND);

        assertTrue(sender.result().message().endsWith("; heard nothing on the feedback port"),
            sender.result().message());
    }

    @Test
    void shouldTellAnotherWireVersionFromAnotherKey() throws IOException
    {
        start(1, SECOND, SECOND, 4);
        final FakeReceiver rx = new FakeReceiver(transport, SESSION, 0, 64);
        final byte[] status = rx.statusBytes(SESSION, rx.nonce(), 0, 0, 64, 0, 0);
        final byte[] otherVersion = status.clone();
        otherVersion[FrameHeader.VERSION_OFFSET] = (byte)(FrameHeader.VERSION + 1);
        final byte[] damaged = status.clone();
        damaged[damaged.length - 1] ^= 1;
        rx.deliverRaw(otherVersion);
        rx.deliverRaw(damaged);
        rx.deliverRaw(new byte[] {'h', 'i', '\n'});

        waitOut(2 * SECOND);

        final List<Heard> heard = sender.result().heard();
        assertEquals(List.of(Heard.Kind.OTHER_VERSION, Heard.Kind.OTHER_KEY, Heard.Kind.NOT_NETPIPE),
            heard.stream().map(Heard::kind).toList());
        assertEquals("version " + (FrameHeader.VERSION + 1) + ", this netpipe speaks " + FrameHeader.VERSION,
            heard.getFirst().detail());
        assertTrue(sender.result().message().contains("failing verification (another --key-file, or none?)"),
            sender.result().message());
    }

    @Test
    void shouldListJoinAfterTheTransferStartedAsRefused() throws IOException
    {
        start(1, 0, 3600 * SECOND, 4000);
        final FakeReceiver first = new FakeReceiver(transport, SESSION, 0, 64);
        first.join();
        work();
        first.status(0, 64);
        work();
        final FakeReceiver late = new FakeReceiver(transport, SESSION, 1, 64);
        late.join();
        work();
        sender.requestAbort();
        work();

        final Heard heard = sender.result().heard().getFirst();
        assertEquals(Heard.Kind.REFUSED, heard.kind());
        assertEquals("joined after the transfer started", heard.detail());
        assertEquals("rx1", heard.name());
        assertEquals("10.0.0.11:9000", heard.source());
    }

    @Test
    void shouldKeepTheReasonOfADroppedReceiverAndRepeatItToIt() throws IOException
    {
        start(2, 0, SECOND, 4000);
        final FakeReceiver talker = new FakeReceiver(transport, SESSION, 0, 1024);
        final FakeReceiver silent = new FakeReceiver(transport, SESSION, 1, 1024);
        talker.join();
        silent.join();
        work();
        talker.status(0, 1024);
        silent.status(0, 1024);
        work();
        for (int i = 0; i < 120; i++)
        {
            clock.advanceMs(10);
            talker.status(0, 1024);
            work();
        }
        assertFalse(sender.isDone());
        silent.status(0, 1024);
        work();

        final List<FakeTransport.Datagram> byes = Sent.ofType(transport.sent(), FrameType.BYE);
        assertEquals(ByeFrame.REASON_DROPPED, Sent.bye(byes.getLast()).reason());
        assertEquals("dropped by the sender: silent for 1 s", Sent.bye(byes.getLast()).text());
        sender.requestAbort();
        work();
        final ReceiverState dropped = sender.result().receivers().get(1);
        assertEquals(ReceiverState.State.LOST, dropped.state());
        assertEquals("silent for 1 s", dropped.reason());
        assertEquals("silent for 1 s", sender.snapshot().receivers().get(1).reason());
    }
}
