package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.nio.channels.Channels;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.SessionTag;
import io.netpipe.transport.FakeTransport;

/** {@code --session NAME}: a named receiver joins only a session carrying its name's tag. */
@Timeout(10)
class SessionNameTest
{
    private static final int PACKET_SIZE = 576;
    private static final long SECOND = 1_000_000_000L;

    private final SecureRandom random = new SecureRandom();
    private final ManualClock clock = new ManualClock(SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();

    private ReceiverAgent receiver(final String sessionName)
    {
        return new ReceiverAgent(new RecvConfig(1 << 20, null, 0, 3 * SECOND, "rx-named", SessionSealing.unkeyed(),
            sessionName), transport, new StreamWriter(Channels.newChannel(new ByteArrayOutputStream()), clock),
            GroupMembership.NONE, clock, listener);
    }

    private long joins()
    {
        return Sent.ofType(transport.sent(), FrameType.JOIN).size();
    }

    @Test
    void shouldJoinOnlyTheSessionOfItsName() throws IOException
    {
        final ReceiverAgent agent = receiver("lab-a");
        final int other = SessionTag.newSessionId("lab-b", random);
        final int ours = SessionTag.newSessionId("lab-a", random);
        assertTrue((other & SessionTag.MASK) != (ours & SessionTag.MASK), "the two test names share a tag");

        new FakeSender(transport, other, PACKET_SIZE).announce(Phase.SEEK);
        new FakeSender(transport, SessionTag.newSessionId(null, random) & ~SessionTag.MASK | 1, PACKET_SIZE)
            .announce(Phase.SEEK);
        agent.doWork();
        assertEquals(0, joins(), "joined a session of another name");

        new FakeSender(transport, ours, PACKET_SIZE).announce(Phase.SEEK);
        agent.doWork();
        assertEquals(1, joins());
        assertEquals(ours, transport.sent().getFirst().buffer().getInt(io.netpipe.protocol.FrameHeader.SESSION_OFFSET));
    }

    @Test
    void shouldJoinAnySessionWithoutAName() throws IOException
    {
        final ReceiverAgent agent = receiver(null);
        new FakeSender(transport, SessionTag.newSessionId("lab-b", random), PACKET_SIZE).announce(Phase.SEEK);
        agent.doWork();
        assertEquals(1, joins());
    }

    @Test
    void shouldQuietlyIgnoreTheSessionItJustServed() throws IOException
    {
        final int served = SessionTag.newSessionId(null, random);
        final ReceiverAgent agent = new ReceiverAgent(new RecvConfig(1 << 20, null, 0, 3 * SECOND, "rx-loop",
            SessionSealing.unkeyed(), null).ignoring(served), transport,
            new StreamWriter(Channels.newChannel(new ByteArrayOutputStream()), clock), GroupMembership.NONE, clock,
            listener);

        // A --loop receiver back to waiting while its sender still serves slower receivers.
        new FakeSender(transport, served, PACKET_SIZE).announce(Phase.TRANSFER);
        agent.doWork();
        assertEquals(List.of(), listener.notices, "the session just served is not 'already started'");

        final int next = SessionTag.newSessionId(null, random);
        new FakeSender(transport, next, PACKET_SIZE).announce(Phase.SEEK);
        agent.doWork();
        assertEquals(1, joins());
    }
}
