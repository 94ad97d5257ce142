package io.netpipe.receiver;

import io.netpipe.transport.FakeTransport;
import io.netpipe.agent.ManualClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;

@Timeout(10)
class ReceiverAgentTest
{
    private static final int SESSION = 0x5E551001;
    private static final int PACKET_SIZE = 576;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long SILENCE_NS = 3 * SECOND;

    private final ManualClock clock = new ManualClock(7 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final int payload = sender.payload();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private StreamWriter writer;
    private ReceiverAgent agent;
    private long nonce;
    private boolean writerStalled;

    private ReceiverAgentTest()
    {
        start(1 << 20, 0, null, Channels.newChannel(out));
    }

    private void start(final long bufferBytes, final long waitTimeoutNs, final InetAddress filter,
        final WritableByteChannel output)
    {
        writer = new StreamWriter(output, clock);
        agent = new ReceiverAgent(new RecvConfig(bufferBytes, filter, waitTimeoutNs, SILENCE_NS, "rx-test"),
            transport, writer, GroupMembership.NONE, clock, listener);
    }

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** One round: the agent works, then the writer writes what it can. */
    private void work() throws IOException
    {
        agent.doWork();
        for (int i = 0; i < 100 && !writerStalled && writer.doWork() > 0; i++)
        {
            // Bounded writes per call.
        }
    }

    /** Finds the SEEK announcement and joins (its nonce kept, what it sent cleared). */
    private void join() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();
        final List<FakeTransport.Datagram> joins = sent(FrameType.JOIN);
        assertEquals(1, joins.size(), "no JOIN after the SEEK announcement");
        nonce = Sent.join(joins.getFirst()).nonce();
        transport.clearSent();
    }

    /** Finds the SEEK announcement, joins, and is listed. */
    private void admit() throws IOException
    {
        join();
        sender.announce(Phase.SEEK, 99, nonce);
        work();
        assertEquals(List.of(1), listener.admitted);
        transport.clearSent();
    }

    private List<FakeTransport.Datagram> sent(final FrameType type)
    {
        return Sent.ofType(transport.sent(), type);
    }

    private StatusFrame lastStatus()
    {
        final List<FakeTransport.Datagram> statuses = sent(FrameType.STATUS);
        assertFalse(statuses.isEmpty(), "no STATUS sent");
        return Sent.status(statuses.getLast());
    }

    /** Lets the writer's hold on a small tail expire (it waits up to 2 ms for a larger write), then works. */
    private void afterWriterHold() throws IOException
    {
        clock.advanceNs(2 * MS);
        work();
        work();
    }

    private void runFor(final long ns) throws IOException
    {
        for (long t = 0; t < ns && !agent.isDone(); t += MS)
        {
            clock.advanceNs(MS);
            work();
        }
    }

    @Test
    void shouldJoinAnnouncedSessionWithItsWindowAndName() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();

        final List<FakeTransport.Datagram> joins = sent(FrameType.JOIN);
        assertEquals(1, joins.size());
        assertEquals(FakeSender.ADDRESS, joins.getFirst().address());
        final JoinFrame join = Sent.join(joins.getFirst());
        assertEquals(SESSION, join.sessionId());
        assertEquals((1 << 20) / payload, join.window());
        assertEquals("rx-test", join.name());
        assertEquals(List.of(SESSION), listener.sessions);
    }

    @Test
    void shouldIgnoreAnnouncementWithImpossiblePacketSize() throws IOException
    {
        new FakeSender(transport, SESSION + 1, 100).announce(Phase.SEEK);
        work();

        assertEquals(List.of(), sent(FrameType.JOIN));
        assertEquals(1, agent.stats().badFrames);
    }

    @Test
    void shouldRepeatJoinUntilListedLessOftenTheLongerItWaits() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();

        runFor(350 * MS);
        assertEquals(3, sent(FrameType.JOIN).size(), "at once, after 100 ms and after 200 more");
        runFor(340 * MS);
        assertEquals(3, sent(FrameType.JOIN).size(), "the next waits 400 ms");
        runFor(20 * MS);
        assertEquals(4, sent(FrameType.JOIN).size());
    }

    @Test
    void shouldWaitLongerForTheFirstListingOfALargeCrowd() throws IOException
    {
        // The sender expects 64: they join together, and it lists them all within the next moments.
        sender.announcePage(Phase.SEEK, 64, 0);
        work();
        assertEquals(1, sent(FrameType.JOIN).size());

        runFor(315 * MS);
        assertEquals(1, sent(FrameType.JOIN).size(), "asked again within 320 ms, in a crowd of 64");
        runFor(10 * MS);
        assertEquals(2, sent(FrameType.JOIN).size());
    }

    @Test
    void shouldCountTheWaitForTheNextJoinFromWhenTheJoinWent() throws IOException
    {
        // Opening the session and sending its first JOIN take 2 s: a crowd of receivers starting on a busy host.
        transport.onSend(() -> clock.advanceNs(2 * SECOND));
        sender.announce(Phase.SEEK);
        work();
        transport.onSend(() -> { });
        assertEquals(1, sent(FrameType.JOIN).size());

        runFor(99 * MS);
        assertEquals(1, sent(FrameType.JOIN).size(), "asked again within 100 ms of the JOIN");
        runFor(2 * MS);
        assertEquals(2, sent(FrameType.JOIN).size());
    }

    @Test
    void shouldSendNoStatusWhenListedWhileTheSenderSeeksUntilASignOfLifeIsDue() throws IOException
    {
        join();

        sender.announce(Phase.SEEK, 99, nonce);
        work();
        assertEquals(List.of(1), listener.admitted);
        assertEquals(List.of(), sent(FrameType.STATUS), "a STATUS where the JOIN said all there is");

        runFor(StatusReporter.MAX_INTERVAL_NS);
        assertEquals(1, sent(FrameType.STATUS).size(), "no sign of life a report interval after the JOIN");
    }

    @Test
    void shouldConfirmOnceWhenListedWhileTheSenderInitializes() throws IOException
    {
        join();

        sender.announce(Phase.INIT, 99, nonce);
        work();
        clock.advanceNs(20 * MS);
        sender.announce(Phase.INIT, 99, nonce);
        work();

        assertEquals(List.of(1), listener.admitted);
        assertEquals(1, sent(FrameType.STATUS).size(), "the next INIT announcement drew a second confirmation");
    }

    @Test
    void shouldConfirmWithStatusWhenListed() throws IOException
    {
        admit();
        sender.announce(Phase.INIT, 99, nonce);
        work();

        final StatusFrame status = lastStatus();
        assertEquals(1, status.receiverId());
        assertEquals(nonce, status.nonce());
        assertEquals(0, status.flags());
        assertEquals(0, status.contiguous());
        assertEquals((1 << 20) / payload, status.windowEnd());
        assertEquals(FakeSender.ADDRESS, sent(FrameType.STATUS).getLast().address());
    }

    @Test
    void shouldWriteWholeStreamAndConfirmDoneWhenDigestMatches() throws IOException
    {
        final byte[] input = randomBytes(10 * payload + 123);
        sender.input(input);
        admit();

        sender.data(0, sender.packetCount());
        sender.eof();
        work();
        work();

        assertArrayEquals(input, out.toByteArray());
        final StatusFrame status = lastStatus();
        assertEquals(StatusFrame.FLAG_DONE, status.flags());
        assertEquals(sender.packetCount(), status.contiguous());
        assertFalse(agent.isDone(), "finished before the sender said bye");

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome());
        assertEquals(input.length, agent.result().bytes());
        assertEquals(SESSION, agent.result().sessionId());
    }

    @Test
    void shouldReassembleOutOfOrderAndDuplicatedData() throws IOException
    {
        final byte[] input = randomBytes(6 * payload);
        sender.input(input);
        admit();

        for (final long seq : new long[] {5, 1, 0, 1, 3, 2, 5, 4})
        {
            sender.data(seq);
        }
        sender.eof();
        work();
        work();

        assertArrayEquals(input, out.toByteArray());
        assertEquals(2, agent.stats().duplicates);
        assertEquals(StatusFrame.FLAG_DONE, lastStatus().flags());
    }

    @Test
    void shouldNeverCompleteWithoutTheSendersBye() throws IOException
    {
        sender.input(randomBytes(3 * payload));
        admit();
        sender.data(0, 3);
        sender.eof();
        work();
        work();

        runFor(SILENCE_NS + 2 * MS);

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertTrue(agent.result().message().contains("never confirmed"), agent.result().message());
    }

    @Test
    void shouldConfirmDoneAgainWhenEofRepeats() throws IOException
    {
        sender.input(randomBytes(3 * payload));
        admit();
        sender.data(0, 3);
        sender.eof();
        work();
        work();
        transport.clearSent();

        sender.eof();
        work();
        assertEquals(0, sent(FrameType.STATUS).size(), "an EOF repeated at once: the DONE may be on its way");

        clock.advanceNs(100 * MS);
        sender.eof();
        work();
        assertEquals(1, sent(FrameType.STATUS).size());
        assertEquals(StatusFrame.FLAG_DONE, lastStatus().flags());
    }

    @Test
    void shouldNeverCompleteWhenDigestMismatches() throws IOException
    {
        final byte[] input = randomBytes(4 * payload);
        sender.input(input);
        admit();
        final byte[] tampered = FakeSender.sha256(input);
        tampered[31] ^= 1;

        sender.data(0, 4);
        sender.eof(4, input.length, tampered);
        work();
        work();
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.CORRUPT, agent.result().outcome());
        assertTrue(agent.result().message().contains("SHA-256"), agent.result().message());
        final List<FakeTransport.Datagram> statuses = sent(FrameType.STATUS);
        assertTrue(statuses.stream().noneMatch(d -> (Sent.status(d).flags() & StatusFrame.FLAG_DONE) != 0),
            "confirmed a corrupt stream");
        assertEquals(StatusFrame.FLAG_FAILED, lastStatus().flags());
    }

    @Test
    void shouldReportCorruptWhenByteCountDiffers() throws IOException
    {
        final byte[] input = randomBytes(4 * payload);
        sender.input(input);
        admit();

        sender.data(0, 4);
        sender.eof(4, input.length - 1, FakeSender.sha256(input));
        work();
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.CORRUPT, agent.result().outcome());
        assertEquals(StatusFrame.FLAG_FAILED, lastStatus().flags());
    }

    @Test
    void shouldNakMissingSequence() throws IOException
    {
        sender.input(randomBytes(10 * payload));
        admit();

        for (final long seq : new long[] {0, 1, 3, 4, 7})
        {
            sender.data(seq);
        }
        clock.advanceNs(5 * MS);
        work();

        final StatusFrame status = lastStatus();
        assertEquals(2, status.contiguous());
        assertEquals(List.of("2+1", "5+2"), Sent.ranges(status));
    }

    @Test
    void shouldReportLostTailOnHeartbeat() throws IOException
    {
        sender.input(randomBytes(10 * payload));
        admit();
        sender.data(0, 2);
        clock.advanceNs(5 * MS);
        work();

        sender.heartbeat(5);
        clock.advanceNs(5 * MS);
        work();

        assertEquals(List.of("2+3"), Sent.ranges(lastStatus()));
        assertEquals(3, lastStatus().lost());
        assertEquals(2, lastStatus().received());
    }

    @Test
    void shouldReportLostTailOnEof() throws IOException
    {
        sender.input(randomBytes(4 * payload + 10));
        admit();
        sender.data(0, 2);

        sender.eof();
        clock.advanceNs(5 * MS);
        work();

        assertEquals(List.of("2+3"), Sent.ranges(lastStatus()));
    }

    @Test
    void shouldKeepReportingUntilGapIsRepaired() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        sender.data(0);
        sender.data(2);
        clock.advanceNs(5 * MS);
        work();
        transport.clearSent();

        runFor(20 * MS);
        assertTrue(sent(FrameType.STATUS).size() >= 3, "the NAK is not repeated");
        assertEquals(List.of("1+1"), Sent.ranges(lastStatus()));

        sender.data(1);
        clock.advanceNs(5 * MS);
        work();
        assertEquals(List.of(), Sent.ranges(lastStatus()));
        assertEquals(3, lastStatus().contiguous());
    }

    @Test
    void shouldGiveUpIncompleteWhenSenderFallsSilent() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        sender.data(0, 2);
        work();

        clock.advanceNs(SILENCE_NS);
        work();
        assertFalse(agent.isDone(), "gave up at the silence limit, not past it");
        clock.advanceNs(1);
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertTrue(agent.result().message().contains("silent"), agent.result().message());
        assertEquals(2 * payload, agent.result().bytes());
    }

    @Test
    void shouldStayWhileSenderHeartbeats() throws IOException
    {
        admit();

        for (int i = 0; i < 50; i++)
        {
            clock.advanceNs(100 * MS);
            sender.heartbeat(0);
            work();
        }

        assertFalse(agent.isDone());
    }

    @Test
    void shouldIgnoreFramesOfForeignSession() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        final long before = agent.stats().badFrames;

        sender.deliverRaw(sender.dataBytes(SESSION + 1, 0));
        work();

        assertEquals(before + 1, agent.stats().badFrames);
        assertEquals(0, out.size());
    }

    @Test
    void shouldIgnoreFramesWithBadCrc() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        final long before = agent.stats().badFrames;

        final byte[] corrupt = sender.dataBytes(SESSION, 0);
        corrupt[corrupt.length - 1] ^= 0x40;
        sender.deliverRaw(corrupt);
        sender.deliverRaw(new byte[] {0x4E, 0x50, 1});
        work();

        assertEquals(before + 2, agent.stats().badFrames);
        assertEquals(0, out.size());
        sender.data(0);
        work();
        afterWriterHold();
        assertEquals(payload, out.size());
    }

    @Test
    void shouldIgnoreFramesFromOtherHostsThanTheFilter() throws IOException
    {
        start(1 << 20, 0, InetAddress.getByName("10.9.9.9"), Channels.newChannel(out));

        sender.announce(Phase.SEEK);
        work();

        assertEquals(List.of(), sent(FrameType.JOIN));
        assertEquals(1, agent.stats().badFrames);
    }

    @Test
    void shouldEndIncompleteWithSenderTextOnAbortedBye() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        sender.data(0, 2);

        sender.bye(ByeFrame.REASON_ABORTED, ByeFrame.ALL_RECEIVERS, "the sender stopped: interrupted", agent);
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertEquals("the sender stopped: interrupted", agent.result().message());
    }

    @Test
    void shouldEndIncompleteWhenDroppedBySender() throws IOException
    {
        admit();

        sender.bye(ByeFrame.REASON_DROPPED, 0, "dropped by the sender: silent for 5 s", agent);
        work();
        assertFalse(agent.isDone(), "obeyed a BYE addressed to receiver 0");
        sender.bye(ByeFrame.REASON_DROPPED, 1, "dropped by the sender: silent for 5 s", agent);
        work();

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertEquals("dropped by the sender: silent for 5 s", agent.result().message());
    }

    @Test
    void shouldEndIncompleteWhenSenderCompletesWithoutIt() throws IOException
    {
        sender.input(randomBytes(4 * payload));
        admit();
        sender.data(0, 2);

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
    }

    @Test
    void shouldTellSenderWhenAborted() throws IOException
    {
        admit();

        agent.requestAbort("interrupted");
        work();

        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertEquals("interrupted", agent.result().message());
        assertEquals(StatusFrame.FLAG_FAILED, lastStatus().flags());
    }

    @Test
    void shouldFailWhenOutputFails() throws IOException
    {
        start(1 << 20, 0, null, new WritableByteChannel()
        {
            @Override
            public int write(final ByteBuffer src) throws IOException
            {
                throw new IOException("No space left on device");
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
        sender.input(randomBytes(4 * payload));
        admit();

        sender.data(0, 2);
        work();
        afterWriterHold();

        assertEquals(RecvResult.Outcome.OUTPUT_FAILED, agent.result().outcome());
        assertTrue(agent.result().message().contains("No space left on device"), agent.result().message());
        assertEquals(StatusFrame.FLAG_FAILED, lastStatus().flags());
        final FakeTransport.Datagram failed = sent(FrameType.STATUS).getLast();
        assertEquals("writing the output failed: No space left on device",
            Sent.status(failed).reason(failed.bytes().length), "the sender is told why");
    }

    @Test
    void shouldSayOnceWhatToCheckWhenNoSessionIsHeardForTenSeconds() throws IOException
    {
        clock.advanceNs(SessionFinder.NO_SESSION_HINT_NS - 1);
        agent.doWork();
        assertEquals(List.of(), listener.noSessionHints, "hinted before 10 s");

        clock.advanceNs(1);
        agent.doWork();
        clock.advanceNs(60 * SECOND);
        agent.doWork();

        assertEquals(List.of(SessionFinder.NO_SESSION_HINT_NS), listener.noSessionHints);
    }

    @Test
    void shouldNotHintWhenSomeSessionWasHeard() throws IOException
    {
        // Another session already under way reaches us: the network works, so no firewall hint.
        sender.announce(Phase.TRANSFER);
        agent.doWork();

        clock.advanceNs(2 * SessionFinder.NO_SESSION_HINT_NS);
        agent.doWork();

        assertEquals(List.of(), listener.noSessionHints);
    }

    @Test
    void shouldTimeOutWhenNoSessionIsFound() throws IOException
    {
        start(1 << 20, 2 * SECOND, null, Channels.newChannel(out));

        runFor(2 * SECOND);
        assertFalse(agent.isDone());
        runFor(2 * MS);

        assertEquals(RecvResult.Outcome.TIMEOUT, agent.result().outcome());
        assertEquals(0, agent.result().sessionId());
    }

    @Test
    void shouldWaitForNextSessionWhenFoundAlreadyStarted() throws IOException
    {
        sender.announce(Phase.TRANSFER, 5, 6);
        work();

        assertEquals(List.of(), sent(FrameType.JOIN));
        assertEquals(1, listener.notices.size());
        assertTrue(listener.notices.getFirst().contains("already started"), listener.notices.getFirst());
    }

    @Test
    void shouldWaitForNextSessionWhenStartedWithoutIt() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();
        sender.announce(Phase.INIT, 5, 6);
        work();
        transport.clearSent();

        sender.announce(Phase.SEEK);
        runFor(300 * MS);

        assertEquals(List.of(), sent(FrameType.JOIN), "rejoined the session that started without it");
        assertTrue(listener.notices.getFirst().contains("started without this receiver"), listener.notices.getFirst());
        assertFalse(agent.isDone());
    }

    @Test
    void shouldWriteNextSessionCorrectlyAfterMissingAnEarlierOne() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();
        sender.announce(Phase.INIT, 5, 6);
        work();
        transport.clearSent();

        final FakeSender next = new FakeSender(transport, SESSION + 1, 1472);
        final byte[] input = randomBytes(5 * next.payload() + 7);
        next.input(input);
        next.announce(Phase.SEEK);
        work();
        nonce = Sent.join(sent(FrameType.JOIN).getFirst()).nonce();
        next.announce(Phase.SEEK, nonce);
        work();
        next.data(0, next.packetCount());
        next.eof();
        work();
        work();

        assertArrayEquals(input, out.toByteArray());
        assertEquals(StatusFrame.FLAG_DONE, lastStatus().flags());
    }

    @Test
    void shouldNotAcceptDataBeyondItsWindow() throws IOException
    {
        // The smallest window: two parity blocks.
        final int slots = ReceiveSession.MIN_SLOTS;
        start(64L * payload, 0, null, Channels.newChannel(out));
        sender.input(randomBytes((slots + 36) * payload));
        admit();
        writerStalled = true;

        sender.data(0, slots + 1);
        for (int i = 0; i < 8; i++)
        {
            work();
        }
        clock.advanceNs(5 * MS);
        work();

        assertEquals(slots, lastStatus().contiguous());
        assertEquals(slots, lastStatus().windowEnd());
        assertEquals(1, agent.stats().beyondWindow, "sequence " + slots + " lies beyond the window");
        assertEquals(0, agent.stats().duplicates, "a packet beyond the window is no duplicate");
    }

    @Test
    void shouldAdvertiseLargerWindowAsWriterWrites() throws IOException
    {
        final int slots = ReceiveSession.MIN_SLOTS;
        start(64L * payload, 0, null, Channels.newChannel(out));
        sender.input(randomBytes((slots + 36) * payload));
        admit();

        sender.data(0, slots);
        for (int i = 0; i < 8; i++)
        {
            work();
        }
        clock.advanceNs(5 * MS);
        work();

        assertEquals(slots, lastStatus().contiguous());
        assertEquals(2 * slots, lastStatus().windowEnd());
        sender.data(slots, slots + 36);
        work();
        clock.advanceNs(5 * MS);
        work();
        assertEquals((slots + 36) * payload, out.size());
    }

    @Test
    void shouldKeepTheWindowAtTheWritersBlockSoAnIncompleteBlockStaysInTheRing() throws IOException
    {
        final int slots = ReceiveSession.MIN_SLOTS;
        start(64L * payload, 0, null, Channels.newChannel(out));
        sender.input(randomBytes((slots + 36) * payload));
        admit();

        sender.data(0, 100);
        for (int i = 0; i < 8; i++)
        {
            work();
        }
        clock.advanceNs(5 * MS);
        work();

        assertEquals(100 * payload, out.size(), "written out");
        assertEquals(slots, lastStatus().windowEnd(), "the window still starts at block 0");
    }
}
