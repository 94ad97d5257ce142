package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import io.netpipe.transport.FakeTransport;

/** A keyed receiver ({@code --key-file}): joins a session sealed with its key, and only such a session. */
@Timeout(10)
class KeyedReceiverTest
{
    private static final int SESSION = 0x4B455901;
    private static final int PACKET_SIZE = 576;
    private static final long SECOND = 1_000_000_000L;

    private final SecureRandom random = new SecureRandom();
    private final PreSharedKey key = PreSharedKey.generate(random);
    private final KeyedSealing senderSealing = KeyedSealing.newSession(key, random);
    private final FrameVerifier feedbackVerifier = senderSealing.newVerifier();
    private final ManualClock clock = new ManualClock(3 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE, senderSealing);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);

    private ReceiverAgent receiver(final PreSharedKey receiverKey, final long waitTimeoutNs)
    {
        return new ReceiverAgent(new RecvConfig(1 << 20, null, waitTimeoutNs, 3 * SECOND, "rx-keyed",
            KeyedSealing.awaitingSession(receiverKey, random)), transport, writer, GroupMembership.NONE, clock,
            listener);
    }

    private void work(final ReceiverAgent agent) throws IOException
    {
        agent.doWork();
        for (int i = 0; i < 100 && writer.doWork() > 0; i++)
        {
            // Bounded writes per call.
        }
    }

    /** @return the frames the receiver sent, verified and decrypted in place with the sender's session keys. */
    private List<ByteBuffer> feedback(final FrameType type)
    {
        final List<ByteBuffer> frames = new ArrayList<>();
        for (final FakeTransport.Datagram datagram : transport.sent())
        {
            final ByteBuffer buffer = datagram.buffer();
            if (feedbackVerifier.verify(buffer, 0, datagram.bytes().length) == type)
            {
                frames.add(buffer);
            }
        }
        return frames;
    }

    @Test
    void shouldReceiveAKeyedSessionByteIdentical() throws IOException
    {
        final byte[] input = new byte[5 * sender.payload() + 17];
        new Random(11).nextBytes(input);
        sender.input(input);
        final ReceiverAgent agent = receiver(key, 0);

        sender.announce(Phase.SEEK);
        work(agent);
        final List<ByteBuffer> joins = feedback(FrameType.JOIN);
        assertEquals(1, joins.size(), "no JOIN sealed with the session's keys");
        final JoinFrame join = new JoinFrame();
        join.wrap(joins.getFirst());
        final long nonce = join.nonce();
        transport.clearSent();
        sender.announce(Phase.SEEK, nonce);
        work(agent);
        assertEquals(List.of(0), listener.admitted);

        sender.data(0, sender.packetCount());
        sender.eof();
        work(agent);
        work(agent);
        final List<ByteBuffer> statuses = feedback(FrameType.STATUS);
        assertTrue(statuses.size() >= 1, "no STATUS sealed with the session's keys");
        final StatusFrame status = new StatusFrame();
        status.wrap(statuses.getLast());
        assertEquals(StatusFrame.FLAG_DONE, status.flags());
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work(agent);

        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome());
        assertArrayEquals(input, out.toByteArray());
        assertEquals(0, agent.stats().badFrames);
    }

    @Test
    void shouldNeverJoinASessionSealedWithAnotherKey() throws IOException
    {
        final ReceiverAgent agent = receiver(PreSharedKey.generate(random), 2 * SECOND);
        for (int i = 0; i < 5; i++)
        {
            sender.announce(Phase.SEEK);
            work(agent);
            clock.advanceNs(SECOND / 2);
        }
        work(agent);

        assertTrue(transport.sent().isEmpty(), "a receiver with another key sent " + transport.sent().size());
        assertEquals(5, agent.stats().badFrames);
        assertEquals(RecvResult.Outcome.TIMEOUT, agent.result().outcome());
        assertTrue(agent.result().message().contains("5 datagrams failed verification"), agent.result().message());
    }
}
