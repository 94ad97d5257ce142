package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.transport.FakeTransport;

/**
 * A BYE ends a receiver only with its own token, the half of the end secret it sent the sender in its JOIN: a BYE
 * without it (forged by a host that heard the broadcast, even from the sender's address) neither completes nor
 * fails the receiver.
 */
@Timeout(10)
class ByeTokenTest
{
    private static final int SESSION = 0x70CE0011;
    private static final int PACKET_SIZE = 576;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long SILENCE_NS = 3 * SECOND;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final ReceiverAgent agent = new ReceiverAgent(
        new RecvConfig(1 << 20, null, 0, SILENCE_NS, "rx-token"), transport, writer, GroupMembership.NONE, clock,
        listener);
    private final byte[] input = new byte[4 * sender.payload() + 7];

    private void work() throws IOException
    {
        ReceiverRounds.round(agent, writer);
    }

    private JoinFrame admit() throws IOException
    {
        new Random(3).nextBytes(input);
        sender.input(input);
        sender.announce(Phase.SEEK);
        work();
        final JoinFrame join = Sent.join(Sent.ofType(transport.sent(), FrameType.JOIN).getFirst());
        sender.announce(Phase.SEEK, join.nonce());
        work();
        assertEquals(List.of(0), listener.admitted);
        return join;
    }

    /** Admitted, the whole stream written and its SHA-256 matched: awaiting the sender's BYE. */
    private void verified() throws IOException
    {
        admit();
        sender.data(0, sender.packetCount());
        sender.eof();
        work();
        work();
        assertArrayEquals(input, out.toByteArray());
        assertFalse(agent.isDone());
    }

    @Test
    void shouldSendItsEndSecretInTheJoin() throws IOException
    {
        final JoinFrame join = admit();

        assertEquals(agent.endSecret().secret(), join.secret());
        assertTrue(ByeFrame.isUsableSecret(join.secret()));
    }

    @Test
    void shouldIgnoreABYEWithoutItsTokenAndCompleteOnTheRealOne() throws IOException
    {
        verified();

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", 0);
        sender.bye(ByeFrame.REASON_COMPLETE, 0, "complete", 0x1234_5678);
        sender.bye(ByeFrame.REASON_ABORTED, ByeFrame.ALL_RECEIVERS, "\033[32mfake", 0);
        work();
        assertFalse(agent.isDone(), "a forged BYE ended the receiver");
        assertEquals(3, agent.stats().badFrames, "forged BYEs are counted");

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();
        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome(), agent.result().message());
        assertArrayEquals(input, out.toByteArray());
    }

    @Test
    void shouldNotCompleteOnAForgedBYEButTimeOutWithoutTheSendersConfirmation() throws IOException
    {
        verified();
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", 0);

        for (long t = 0; t <= SILENCE_NS + SECOND && !agent.isDone(); t += 10 * MS)
        {
            clock.advanceNs(10 * MS);
            work();
        }

        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertTrue(agent.result().message().contains("never confirmed"), agent.result().message());
    }

    @Test
    void shouldFailWhenTheSenderEndsWithoutConfirmingIt() throws IOException
    {
        verified();
        final long secret = agent.endSecret().secret();

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", ByeFrame.endedToken(secret));
        work();

        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertTrue(agent.result().message().contains("without confirming this receiver"), agent.result().message());
    }

    @Test
    void shouldNotCompleteWithoutTheWholeStreamEvenWithItsCompleteToken() throws IOException
    {
        admit();
        sender.data(0, 1);
        work();

        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();

        assertEquals(RecvResult.Outcome.INCOMPLETE, agent.result().outcome());
        assertNotEquals(input.length, out.size());
        assertFalse(Arrays.equals(input, out.toByteArray()));
    }

    @Test
    void shouldDrawAFreshSecretForEverySession()
    {
        final EndSecret secret = new EndSecret(new Random(7));
        final long first = secret.secret();

        secret.renew();

        assertNotEquals(first, secret.secret());
        assertTrue(ByeFrame.isUsableSecret(secret.secret()));
    }
}
