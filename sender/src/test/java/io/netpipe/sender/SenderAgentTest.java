package io.netpipe.sender;

import io.netpipe.transport.FakeTransport;
import io.netpipe.agent.ManualClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;

@Timeout(10)
class SenderAgentTest
{
    private static final int SESSION = 0x5E551001;
    private static final int PACKET_SIZE = SendConfig.MIN_PACKET_SIZE;
    private static final int PAYLOAD = DataFrame.payloadCapacity(PACKET_SIZE);
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long NEVER_DROP = 3600 * SECOND;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private SenderRig rig;
    private SenderAgent sender;
    private byte[] input;

    private static SendConfig config(final int expected, final int min, final long maxWaitNs, final long dropAfterNs,
        final long capBytesPerSec, final int frames)
    {
        return new SendConfig(SESSION, PACKET_SIZE, expected, min, maxWaitNs, dropAfterNs, capBytesPerSec, frames,
            DATA, DATA, null);
    }

    private void start(final SendConfig config, final byte[] bytes)
    {
        start(config, Channels.newChannel(new ByteArrayInputStream(bytes)));
        input = bytes;
    }

    private void start(final SendConfig config, final ReadableByteChannel channel)
    {
        rig = new SenderRig(config, channel, transport, clock, listener);
        sender = rig.sender();
    }

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private FakeReceiver receiver(final int index, final int window)
    {
        return new FakeReceiver(transport, SESSION, index, window);
    }

    private void work() throws IOException
    {
        rig.work();
    }

    private void toTransfer(final FakeReceiver... receivers) throws IOException
    {
        for (final FakeReceiver r : receivers)
        {
            r.join();
        }
        work();
        for (final FakeReceiver r : receivers)
        {
            r.status(0, r.window());
        }
        work();
        assertEquals(1, listener.started.size(), "the transfer did not start");
    }

    private List<Long> dataSent()
    {
        return Sent.dataSequences(transport.sent());
    }

    private List<FakeTransport.Datagram> sent(final FrameType type)
    {
        return Sent.ofType(transport.sent(), type);
    }

    private static List<Long> range(final long from, final long to)
    {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void shouldAnnounceSeekWithEmptyRosterUntilReceiversJoin() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), new byte[10]);

        work();
        clock.advanceMs(100);
        work();

        final List<FakeTransport.Datagram> announces = sent(FrameType.ANNOUNCE);
        assertEquals(2, announces.size());
        for (final FakeTransport.Datagram d : announces)
        {
            final AnnounceFrame announce = Sent.announce(d);
            assertEquals(DATA, d.address());
            assertEquals(Phase.SEEK, Phase.get(announce.phaseCode()));
            assertEquals(PACKET_SIZE, announce.packetSize());
            assertEquals(1, announce.expected());
            assertEquals(0, announce.rosterSize());
        }
        assertEquals(List.of(), dataSent());
    }

    @Test
    void shouldStartWhenExpectedReceiversJoined() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);

        rx0.join();
        work();
        assertEquals(List.of(0), listener.joined);
        transport.clearSent();
        rx1.join();
        work();
        work();

        final List<FakeTransport.Datagram> announces = sent(FrameType.ANNOUNCE);
        final AnnounceFrame init = Sent.announce(announces.getLast());
        assertEquals(Phase.INIT, Phase.get(init.phaseCode()));
        assertEquals(2, init.rosterSize());
        assertEquals(rx0.nonce(), init.nonce(0));
        assertEquals(rx1.nonce(), init.nonce(1));
        assertEquals(List.of(), dataSent(), "no data before every listed receiver confirmed");

        rx0.status(0, 64);
        rx1.status(0, 64);
        work();
        work();

        assertEquals(1, listener.started.size());
        assertEquals(range(0, 3), dataSent());
    }

    @Test
    void shouldWaitInInitForEveryListedReceiverToConfirm() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);
        rx0.join();
        rx1.join();
        work();

        rx0.status(0, 64);
        for (int i = 0; i < 10; i++)
        {
            clock.advanceMs(20);
            work();
        }

        assertEquals(List.of(), listener.started);
        assertEquals(List.of(), dataSent());
        assertTrue(sent(FrameType.ANNOUNCE).size() >= 10, "INIT is announced every 20 ms");
    }

    @Test
    void shouldTimeOutWhenTooFewJoinWithinMaxWait() throws IOException
    {
        start(config(3, 2, 2 * SECOND, NEVER_DROP, 0, 16), randomBytes(PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        rx0.join();
        work();

        for (int i = 0; i < 19; i++)
        {
            clock.advanceMs(100);
            work();
        }
        assertFalse(sender.isDone(), "gave up before max-wait");
        clock.advanceMs(100);
        work();

        assertTrue(sender.isDone());
        assertEquals(SendResult.Outcome.TIMEOUT, sender.result().outcome());
        assertTrue(sender.result().message().startsWith("only 1 of 2 receivers joined"), sender.result().message());
        final List<FakeTransport.Datagram> byes = sent(FrameType.BYE);
        assertFalse(byes.isEmpty());
        assertEquals(ByeFrame.REASON_ABORTED, Sent.bye(byes.getFirst()).reason());
        assertEquals(ByeFrame.ALL_RECEIVERS, Sent.bye(byes.getFirst()).receiverId());
        assertEquals(List.of(), dataSent());
    }

    @Test
    void shouldStartWithMinReceiversOnceMaxWaitPassed() throws IOException
    {
        start(config(3, 2, 2 * SECOND, NEVER_DROP, 0, 16), randomBytes(PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);
        rx0.join();
        rx1.join();
        work();
        clock.advanceNs(2 * SECOND - 1);
        work();
        assertEquals(Phase.SEEK, Phase.get(Sent.announce(sent(FrameType.ANNOUNCE).getLast()).phaseCode()));

        clock.advanceNs(1);
        work();
        work();

        assertFalse(sender.isDone());
        assertEquals(Phase.INIT, Phase.get(Sent.announce(sent(FrameType.ANNOUNCE).getLast()).phaseCode()));
    }

    @Test
    void shouldNotDropEarlyJoinerWhileWaitingForOthers() throws IOException
    {
        start(config(2, 1, 0, SECOND, 0, 16), randomBytes(PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);
        rx0.join();
        work();

        // Listed in the roster, rx0 stops joining and reports its STATUS every 100 ms, as a real receiver does.
        for (int i = 0; i < 30; i++)
        {
            clock.advanceMs(100);
            rx0.status(0, 64);
            work();
        }
        rx1.join();
        work();
        // The first INIT round runs before the receivers answer the INIT announcement.
        work();
        rx0.status(0, 64);
        rx1.status(0, 64);
        work();

        assertEquals(List.of(), listener.lost);
        assertEquals(List.of(), sent(FrameType.BYE));
        assertEquals(1, listener.started.size());
        assertEquals(ReceiverState.State.ACTIVE, listener.started.getFirst().getFirst().state());
    }

    @Test
    void shouldIgnoreJoinOnceTransferStarted() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(PAYLOAD));
        toTransfer(receiver(0, 64));

        receiver(1, 64).join();
        work();

        assertEquals(List.of(0), listener.joined);
    }

    @Test
    void shouldSendStreamInSequenceWithPayloadsThatRebuildIt() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(5 * PAYLOAD + 17));
        toTransfer(receiver(0, 64));

        work();

        final List<FakeTransport.Datagram> data = sent(FrameType.DATA);
        assertEquals(range(0, 6), dataSent());
        final ByteBuffer rebuilt = ByteBuffer.allocate(input.length);
        for (final FakeTransport.Datagram d : data)
        {
            assertEquals(DATA, d.address());
            rebuilt.put(Sent.payload(d));
        }
        assertArrayEquals(input, rebuilt.array());
    }

    @Test
    void shouldRepeatEofWithCountsAndDigestUntilConfirmed() throws IOException, NoSuchAlgorithmException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(2 * PAYLOAD + 5));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();

        for (int i = 0; i < 5; i++)
        {
            clock.advanceMs(20);
            rx0.status(3, 64);
            work();
        }

        final List<FakeTransport.Datagram> eofs = sent(FrameType.EOF);
        assertTrue(eofs.size() >= 5, "EOF is repeated every 20 ms: " + eofs.size());
        final EofFrame eof = Sent.eof(eofs.getLast());
        assertEquals(3, eof.packetCount());
        assertEquals(input.length, eof.byteCount());
        final byte[] digest = new byte[EofFrame.DIGEST_LENGTH];
        eof.getDigest(digest);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(input), digest);
        assertFalse(sender.isDone());
    }

    @Test
    void shouldCompleteWhenEveryReceiverConfirmsWholeStream() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);
        toTransfer(rx0, rx1);
        work();

        rx0.status(StatusFrame.FLAG_DONE, 3, 64);
        work();
        assertFalse(sender.isDone(), "finished while a receiver still lacks the stream");
        rx1.status(StatusFrame.FLAG_DONE, 3, 64);
        transport.clearSent();
        work();

        assertTrue(sender.isDone());
        assertEquals(SendResult.Outcome.COMPLETE, sender.result().outcome());
        final List<FakeTransport.Datagram> byes = sent(FrameType.BYE).stream()
            .filter(d -> Sent.bye(d).receiverId() == ByeFrame.ALL_RECEIVERS).toList();
        assertEquals(3, byes.size());
        for (final FakeTransport.Datagram bye : byes)
        {
            assertEquals(ByeFrame.REASON_COMPLETE, Sent.bye(bye).reason());
            // Each slot proves the BYE to its receiver with the complete half of the secret it joined with.
            assertEquals(ByeFrame.completeToken(rx0.secret()), Sent.bye(bye).tokenFor(0));
            assertEquals(ByeFrame.completeToken(rx1.secret()), Sent.bye(bye).tokenFor(1));
        }
        assertEquals(3 * PAYLOAD, sender.result().progress().bytesSent());
        assertEquals(3 * PAYLOAD, sender.result().progress().bytesConfirmed());
    }

    @Test
    void shouldReleaseEachReceiverAsSoonAsItVerifies() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        final FakeReceiver rx1 = receiver(1, 64);
        toTransfer(rx0, rx1);
        work();
        transport.clearSent();

        rx0.status(StatusFrame.FLAG_DONE, 3, 64);
        work();

        final List<FakeTransport.Datagram> byes = sent(FrameType.BYE);
        assertEquals(1, byes.size());
        assertEquals(ByeFrame.REASON_COMPLETE, Sent.bye(byes.getFirst()).reason());
        assertEquals(0, Sent.bye(byes.getFirst()).receiverId());
        assertEquals(ByeFrame.completeToken(rx0.secret()), Sent.bye(byes.getFirst()).tokenFor(0));
        assertEquals(0, Sent.bye(byes.getFirst()).tokenFor(1), "a BYE to one receiver reveals no other's token");
        assertFalse(sender.isDone());
    }

    @Test
    void shouldNotTakeDoneForAPartialStream() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();

        rx0.status(StatusFrame.FLAG_DONE, 2, 64);
        work();

        assertFalse(sender.isDone());
        assertEquals(ReceiverState.State.ACTIVE, listener.started.getFirst().getFirst().state());
    }

    @Test
    void shouldRetransmitNakedSequence() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(10 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();
        assertEquals(range(0, 10), dataSent());
        transport.clearSent();

        clock.advanceMs(10);
        rx0.status(0, 3, 64, 3, 2, 7, 1);
        work();

        assertEquals(List.of(3L, 4L, 7L), dataSent());
        final List<FakeTransport.Datagram> resent = sent(FrameType.DATA);
        assertEquals(PACKET_SIZE, resent.getFirst().bytes().length);
    }

    @Test
    void shouldAnnounceQueuedRepairsOnDataChannelSoOthersStayQuiet() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(10 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();
        transport.clearSent();

        clock.advanceMs(10);
        rx0.status(0, 3, 64, 3, 2, 7, 1);
        work();

        final List<FakeTransport.Datagram> notices = sent(FrameType.HEARTBEAT);
        assertEquals(1, notices.size());
        assertEquals(DATA, notices.getFirst().address());
        final HeartbeatFrame notice = Sent.heartbeat(notices.getFirst());
        assertEquals(10, notice.nextSequence());
        assertEquals(2, notice.rangeCount());
        assertEquals(List.of(3L, 2L, 7L, 1L), List.of(notice.rangeStart(0), (long)notice.rangeLength(0),
            notice.rangeStart(1), (long)notice.rangeLength(1)));
    }

    @Test
    void shouldNotRetransmitAgainWithinHoldOff() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(10 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();
        clock.advanceMs(10);
        rx0.status(0, 3, 64, 3, 2);
        work();
        transport.clearSent();

        clock.advanceMs(5);
        rx0.status(0, 3, 64, 3, 2);
        work();
        assertEquals(List.of(), dataSent(), "resent within the hold-off");

        clock.advanceMs(5);
        rx0.status(0, 3, 64, 3, 2);
        work();
        assertEquals(List.of(3L, 4L), dataSent());
    }

    @Test
    void shouldNotRetransmitFreshlySentSequence() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(10 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 64);
        toTransfer(rx0);
        work();
        transport.clearSent();

        rx0.status(0, 3, 64, 3, 2);
        work();

        assertEquals(List.of(), dataSent());
    }

    @Test
    void shouldNotRunAheadOfSlowestReceiverWindow() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 64), randomBytes(40 * PAYLOAD));
        final FakeReceiver slow = receiver(0, 8);
        final FakeReceiver fast = receiver(1, 32);
        slow.join();
        fast.join();
        work();
        slow.status(0, 8);
        fast.status(0, 32);
        work();

        for (int i = 0; i < 20; i++)
        {
            clock.advanceMs(1);
            slow.status(0, 8);
            fast.status(0, 32);
            work();
        }
        assertEquals(range(0, 8), dataSent());

        slow.status(8, 16);
        fast.status(8, 32);
        work();
        assertEquals(range(0, 16), dataSent());
    }

    @Test
    void shouldHeartbeatNextSequenceWhileBlockedByFlowControl() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 64), randomBytes(40 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 8);
        rx0.join();
        work();
        rx0.status(0, 8);
        work();
        work();
        transport.clearSent();

        clock.advanceMs(20);
        work();

        final List<FakeTransport.Datagram> heartbeats = sent(FrameType.HEARTBEAT);
        assertEquals(1, heartbeats.size());
        assertEquals(8, Sent.heartbeat(heartbeats.getFirst()).nextSequence());
        assertTrue(Sent.heartbeat(heartbeats.getFirst()).heldBack(), "held back by the receiver's window");
        assertEquals(DATA, heartbeats.getFirst().address());
    }

    @Test
    void shouldHeartbeatNotHeldBackWhileWaitingForInput() throws IOException
    {
        // Three frames of input, and no more yet: the reader is driven by hand, as a real one would block in read.
        final ByteBuffer available = ByteBuffer.wrap(randomBytes(3 * PAYLOAD));
        start(config(1, 1, 0, NEVER_DROP, 0, 64), new ReadableByteChannel()
        {
            @Override
            public int read(final ByteBuffer dst)
            {
                assertTrue(available.hasRemaining(), "the reader would wait for more input here");
                final int n = Math.min(dst.remaining(), available.remaining());
                dst.put(available.slice(available.position(), n));
                available.position(available.position() + n);
                return n;
            }

            @Override
            public boolean isOpen()
            {
                return true;
            }

            @Override
            public void close()
            {
            }
        });
        final FakeReceiver rx0 = receiver(0, 64);
        rx0.join();
        sender.doWork();
        rx0.status(0, 64);
        sender.doWork();
        for (int i = 0; i < 3; i++)
        {
            rig.reader().doWork();
        }
        sender.doWork();
        assertEquals(range(0, 3), dataSent());
        transport.clearSent();

        clock.advanceMs(20);
        sender.doWork();

        final List<FakeTransport.Datagram> heartbeats = sent(FrameType.HEARTBEAT);
        assertEquals(1, heartbeats.size());
        assertEquals(3, Sent.heartbeat(heartbeats.getFirst()).nextSequence());
        assertFalse(Sent.heartbeat(heartbeats.getFirst()).heldBack(), "waiting for input, not held back");
    }

    @Test
    void shouldReleaseFramesOnlyWhenEveryLiveReceiverHasThem() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(40 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 1024);
        final FakeReceiver rx1 = receiver(1, 1024);
        toTransfer(rx0, rx1);
        work();
        assertEquals(range(0, 16), dataSent());
        assertEquals(0, rig.pool().free().size());

        rx0.status(16, 1024);
        rx1.status(4, 1024);
        sender.doWork();
        assertEquals(4, rig.pool().free().size());

        rx1.status(16, 1024);
        sender.doWork();
        assertEquals(16, rig.pool().free().size());
    }

    @Test
    void shouldDropReceiverSilentPastDropAfter() throws IOException
    {
        start(config(2, 1, 0, SECOND, 0, 16), randomBytes(40 * PAYLOAD));
        final FakeReceiver talker = receiver(0, 1024);
        final FakeReceiver silent = receiver(1, 1024);
        toTransfer(talker, silent);

        for (int i = 0; i < 100; i++)
        {
            clock.advanceMs(10);
            talker.status(0, 1024);
            work();
        }
        assertEquals(List.of(), listener.lost, "dropped at the drop-after limit, not past it");
        clock.advanceMs(1);
        talker.status(0, 1024);
        work();

        assertEquals(List.of("1: silent for 1 s"), listener.lost);
        final List<FakeTransport.Datagram> byes = sent(FrameType.BYE);
        assertEquals(1, byes.size());
        assertEquals(ByeFrame.REASON_DROPPED, Sent.bye(byes.getFirst()).reason());
        assertEquals(1, Sent.bye(byes.getFirst()).receiverId());
        assertEquals(ByeFrame.endedToken(silent.secret()), Sent.bye(byes.getFirst()).tokenFor(1),
            "a dropped receiver is told with the ended half, never the complete one");
        assertTrue(Sent.bye(byes.getFirst()).text().contains("silent"), Sent.bye(byes.getFirst()).text());
        assertFalse(sender.isDone());
    }

    @Test
    void shouldTellDroppedReceiverAgainWhenItStillReports() throws IOException
    {
        start(config(2, 1, 0, SECOND, 0, 16), randomBytes(40 * PAYLOAD));
        final FakeReceiver talker = receiver(0, 1024);
        final FakeReceiver silent = receiver(1, 1024);
        toTransfer(talker, silent);
        for (int i = 0; i < 110; i++)
        {
            clock.advanceMs(10);
            talker.status(0, 1024);
            work();
        }
        assertEquals(1, sent(FrameType.BYE).size());

        silent.status(0, 1024);
        work();

        final List<FakeTransport.Datagram> byes = sent(FrameType.BYE);
        assertEquals(2, byes.size());
        assertEquals(ByeFrame.REASON_DROPPED, Sent.bye(byes.getLast()).reason());
        assertEquals(1, Sent.bye(byes.getLast()).receiverId());
    }

    @Test
    void shouldStopWaitingForLostReceiverToReleaseFrames() throws IOException
    {
        start(config(2, 1, 0, SECOND, 0, 16), randomBytes(40 * PAYLOAD));
        final FakeReceiver talker = receiver(0, 1024);
        final FakeReceiver silent = receiver(1, 1024);
        toTransfer(talker, silent);
        work();
        assertEquals(range(0, 16), dataSent());

        for (int i = 0; i < 101; i++)
        {
            clock.advanceMs(10);
            talker.status(0, 1024);
            work();
        }
        talker.status(16, 1024);
        work();
        work();

        assertEquals(range(0, 32), dataSent());
    }

    @Test
    void shouldReportReceiversLostWhenTheOthersFinish() throws IOException
    {
        start(config(2, 1, 0, SECOND, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver talker = receiver(0, 1024);
        final FakeReceiver silent = receiver(1, 1024);
        toTransfer(talker, silent);
        work();
        talker.status(StatusFrame.FLAG_DONE, 3, 1024);
        work();
        assertFalse(sender.isDone());

        for (int i = 0; i < 110 && !sender.isDone(); i++)
        {
            clock.advanceMs(10);
            work();
        }

        assertTrue(sender.isDone());
        final SendResult result = sender.result();
        assertEquals(SendResult.Outcome.RECEIVERS_LOST, result.outcome());
        assertTrue(result.message().startsWith("1 of 2 receivers lost: receiver 1 ("), result.message());
        assertTrue(result.message().endsWith(") silent for 1 s"), result.message());
        assertEquals(ReceiverState.State.DONE, result.receivers().get(0).state());
        assertEquals(ReceiverState.State.LOST, result.receivers().get(1).state());
        assertEquals(silent.nonce(), result.receivers().get(1).nonce());
        final ByeFrame bye = Sent.bye(sent(FrameType.BYE).getLast());
        assertEquals(ByeFrame.REASON_COMPLETE, bye.reason());
        // The final BYE's reason is "complete", but only the receiver that is done gets its complete token.
        assertEquals(ByeFrame.completeToken(talker.secret()), bye.tokenFor(0));
        assertEquals(ByeFrame.endedToken(silent.secret()), bye.tokenFor(1));
    }

    @Test
    void shouldCountFailedReceiverAsLost() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver failing = receiver(0, 1024);
        final FakeReceiver good = receiver(1, 1024);
        toTransfer(failing, good);
        work();

        failing.status(StatusFrame.FLAG_FAILED, 3, 1024);
        good.status(StatusFrame.FLAG_DONE, 3, 1024);
        work();

        assertEquals(1, listener.lost.size());
        assertTrue(listener.lost.getFirst().startsWith("0: gave up"), listener.lost.getFirst());
        assertEquals(SendResult.Outcome.RECEIVERS_LOST, sender.result().outcome());
        assertEquals(ReceiverState.State.FAILED, sender.result().receivers().get(0).state());
    }

    @Test
    void shouldNameFailedReceiversReasonEscaped() throws IOException
    {
        start(config(2, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver failing = receiver(0, 1024);
        final FakeReceiver good = receiver(1, 1024);
        toTransfer(failing, good);
        work();

        failing.failed("writing the output failed: exec: exit status 1\u001b[2J");
        good.status(StatusFrame.FLAG_DONE, 3, 1024);
        work();

        final String escaped = "failed: writing the output failed: exec: exit status 1\\x1b[2J";
        assertEquals(List.of("0: " + escaped), listener.lost);
        assertTrue(sender.result().message().startsWith("1 of 2 receivers lost: receiver 0 ("),
            sender.result().message());
        assertTrue(sender.result().message().endsWith(") " + escaped), sender.result().message());
        assertEquals(escaped, sender.result().receivers().get(0).reason());
    }

    @Test
    void shouldCountForeignCorruptAndImpostorFeedbackAsBadFrames() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        final FakeReceiver rx0 = receiver(0, 1024);
        toTransfer(rx0);
        work();
        final long before = sender.badFrames();

        rx0.deliverRaw(rx0.statusBytes(SESSION + 1, rx0.nonce(), StatusFrame.FLAG_DONE, 3, 1024, 0, 0));
        final byte[] corrupt = rx0.statusBytes(SESSION, rx0.nonce(), StatusFrame.FLAG_DONE, 3, 1024, 0, 0);
        corrupt[StatusFrame.CONTIGUOUS_OFFSET] ^= 0x10;
        rx0.deliverRaw(corrupt);
        rx0.deliverRaw(rx0.statusBytes(SESSION, rx0.nonce() + 1, StatusFrame.FLAG_DONE, 3, 1024, 0, 0));
        rx0.deliverRaw(new byte[] {1, 2, 3});
        rx0.id(7).status(StatusFrame.FLAG_DONE, 3, 1024);
        work();

        assertEquals(before + 5, sender.badFrames());
        assertFalse(sender.isDone());
    }

    @Test
    void shouldTellReceiversWhenAborted() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(40 * PAYLOAD));
        toTransfer(receiver(0, 1024));
        work();

        sender.requestAbort();
        work();

        assertTrue(sender.isDone());
        assertEquals(SendResult.Outcome.ABORTED, sender.result().outcome());
        final ByeFrame bye = Sent.bye(sent(FrameType.BYE).getLast());
        assertEquals(ByeFrame.REASON_ABORTED, bye.reason());
        assertEquals("the sender stopped: interrupted", bye.text());
    }

    @Test
    void shouldTellReceiversWhenInputFails() throws IOException
    {
        final ReadableByteChannel failing = new ReadableByteChannel()
        {
            private int reads;

            @Override
            public int read(final ByteBuffer dst) throws IOException
            {
                if (++reads > 3)
                {
                    throw new IOException("disk on fire");
                }
                dst.position(dst.position() + 1000);
                return 1000;
            }

            @Override
            public boolean isOpen()
            {
                return true;
            }

            @Override
            public void close()
            {
            }
        };
        start(config(1, 1, 0, NEVER_DROP, 0, 16), failing);
        toTransfer(receiver(0, 1024));
        work();

        assertTrue(sender.isDone());
        assertEquals(SendResult.Outcome.INPUT_FAILED, sender.result().outcome());
        assertTrue(sender.result().message().contains("disk on fire"), sender.result().message());
        final ByeFrame bye = Sent.bye(sent(FrameType.BYE).getLast());
        assertEquals(ByeFrame.REASON_ABORTED, bye.reason());
        assertTrue(bye.text().contains("disk on fire"), bye.text());
    }

    @Test
    void shouldPaceToRateCap() throws IOException
    {
        final long cap = 1000L * PACKET_SIZE;
        start(config(1, 1, 0, NEVER_DROP, cap, 2048), randomBytes(2000 * PAYLOAD));
        toTransfer(receiver(0, 4096));

        for (int ms = 0; ms < 1000; ms++)
        {
            clock.advanceMs(1);
            work();
        }

        final int sent = dataSent().size();
        assertTrue(sent >= 1000 && sent <= 1000 + 48000 / PACKET_SIZE + 2, "sent " + sent + " packets in 1 s");
    }

    @Test
    void shouldSendDatagramsOfLargestPacketSize() throws IOException
    {
        final int packetSize = SendConfig.MAX_PACKET_SIZE;
        start(new SendConfig(SESSION, packetSize, 1, 1, 0, NEVER_DROP, 0, 4, DATA, DATA, null),
            randomBytes(3 * DataFrame.payloadCapacity(packetSize)));
        toTransfer(receiver(0, 64));

        for (int i = 0; i < 10; i++)
        {
            clock.advanceMs(1);
            work();
        }

        assertEquals(range(0, 3), dataSent());
        assertEquals(packetSize, sent(FrameType.DATA).getFirst().bytes().length);
    }

    @Test
    void shouldPublishProgressPeriodically() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(3 * PAYLOAD));
        toTransfer(receiver(0, 1024));
        final SenderSnapshot before = sender.snapshot();

        clock.advanceMs(250);
        work();

        final SenderSnapshot after = sender.snapshot();
        assertTrue(after.takenNs() > before.takenNs(), "no new snapshot after 250 ms");
        assertEquals(3 * PAYLOAD, after.progress().bytesSent());
        assertEquals(1, after.progress().rosterSize());
        assertEquals(1, after.receivers().size());
    }

    @Test
    void shouldDoNothingOnceFinished() throws IOException
    {
        start(config(1, 1, 0, NEVER_DROP, 0, 16), randomBytes(PAYLOAD));
        sender.requestAbort();
        work();
        transport.clearSent();

        clock.advanceMs(1000);

        assertEquals(0, sender.doWork());
        assertEquals(List.of(), transport.sent());
        assertEquals(SendResult.Outcome.ABORTED, sender.result().outcome());
    }
}
