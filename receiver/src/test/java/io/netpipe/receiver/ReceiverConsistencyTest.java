package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.FakeTransport;

/**
 * A receiver accepts the end of a stream only when everything it heard agrees with it (issue 11): forged or stray
 * EOF, DATA and HEARTBEAT frames with the right session id never make a wrong stream complete, and impossible
 * field values are counted and dropped.
 */
@Timeout(10)
class ReceiverConsistencyTest
{
    private static final int SESSION = 0x5E551011;
    private static final int PACKET_SIZE = 576;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long SILENCE_NS = 3 * SECOND;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final int payload = sender.payload();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final ReceiverAgent agent = new ReceiverAgent(
        new RecvConfig(1 << 20, null, 0, SILENCE_NS, "rx-consistency"), transport, writer, GroupMembership.NONE,
        clock, listener);
    private final byte[] input = randomBytes(6 * payload + 99);

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private void work() throws IOException
    {
        ReceiverRounds.round(agent, writer);
    }

    private void admit() throws IOException
    {
        sender.input(input);
        sender.announce(Phase.SEEK);
        work();
        final long nonce = Sent.join(Sent.ofType(transport.sent(), FrameType.JOIN).getFirst()).nonce();
        sender.announce(Phase.SEEK, nonce);
        work();
        assertEquals(List.of(0), listener.admitted);
    }

    private void runFor(final long ns) throws IOException
    {
        for (long t = 0; t < ns && !agent.isDone(); t += MS)
        {
            clock.advanceNs(MS);
            work();
        }
    }

    private void assertCorrupt(final String why) throws IOException
    {
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();
        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.CORRUPT, agent.result().outcome(), agent.result().message());
        assertTrue(agent.result().message().contains(why), agent.result().message());
        final List<FakeTransport.Datagram> statuses = Sent.ofType(transport.sent(), FrameType.STATUS);
        assertEquals(StatusFrame.FLAG_FAILED, Sent.status(statuses.getLast()).flags());
    }

    @Test
    void shouldFailWhenDataArrivesBeyondAForgedPrefixEof() throws IOException
    {
        admit();
        sender.data(0, 2);
        sender.eof(2, 2L * payload, FakeSender.sha256(Arrays.copyOf(input, 2 * payload)));
        work();
        work();

        sender.data(2);
        work();

        assertCorrupt("beyond the end");
    }

    @Test
    void shouldFailWhenASecondEofDisagrees() throws IOException
    {
        admit();
        sender.data(0, 3);
        sender.eof(7, input.length, FakeSender.sha256(input));
        work();

        sender.eof(7, input.length - 1, FakeSender.sha256(input));
        work();

        assertCorrupt("two EOFs disagree");
    }

    @Test
    void shouldFailWhenAnEofRepeatsWithAnotherDigest() throws IOException
    {
        admit();
        sender.data(0, 7);
        sender.eof();
        work();
        work();
        final byte[] other = FakeSender.sha256(input);
        other[0] ^= 1;

        sender.eof(7, input.length, other);
        work();

        assertCorrupt("another SHA-256");
    }

    @Test
    void shouldFailWhenAHeartbeatRunsBeyondTheEof() throws IOException
    {
        admit();
        sender.data(0, 2);
        sender.eof(2, 2L * payload, FakeSender.sha256(Arrays.copyOf(input, 2 * payload)));
        work();
        work();

        sender.heartbeat(5);
        work();

        assertCorrupt("HEARTBEAT");
    }

    @Test
    void shouldDropImpossibleHeartbeatAndEofAndStillComplete() throws IOException
    {
        admit();
        sender.data(0, 3);
        sender.heartbeat(Long.MAX_VALUE);
        sender.heartbeat(-1);
        sender.eof(Long.MAX_VALUE / 2, input.length, FakeSender.sha256(input));
        sender.eof(7, Long.MAX_VALUE, FakeSender.sha256(input));
        work();
        assertEquals(4, agent.stats().badFrames);

        sender.data(3, 7);
        sender.eof();
        work();
        work();
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome(), agent.result().message());
        assertArrayEquals(input, out.toByteArray());
    }

    @Test
    void shouldCompleteOnlyWithTheSendersBye() throws IOException
    {
        admit();
        sender.data(0, 7);
        sender.eof();
        work();
        work();
        runFor(SILENCE_NS / 2);
        assertTrue(!agent.isDone(), "completed before the sender's BYE");

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome());
        assertArrayEquals(input, out.toByteArray());
    }

    @Test
    void shouldTreatASenderSendingOnlyImpossibleFramesAsSilent() throws IOException
    {
        admit();
        sender.data(0, 3);
        work();
        for (long t = 0; t < SILENCE_NS + 10 * MS && !agent.isDone(); t += 10 * MS)
        {
            sender.heartbeat(Long.MAX_VALUE);
            sender.eof(Long.MAX_VALUE, 1, FakeSender.sha256(input));
            clock.advanceNs(10 * MS);
            work();
        }

        assertTrue(agent.isDone(), "impossible frames kept the session alive");
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertTrue(agent.result().message().contains("silent"), agent.result().message());
    }
}
