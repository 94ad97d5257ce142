package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.transport.FakeTransport;

class LivenessTest
{
    private static final long DROP_AFTER_NS = 2_000_000_000L;
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final Roster roster = new Roster(8);
    private final SendConfig config = new SendConfig(1, 576, 1, 1, 0, DROP_AFTER_NS, 0, 16, DATA, DATA, null);
    private final Liveness liveness = new Liveness(DROP_AFTER_NS, roster,
        new ControlFrames(config, transport, SessionSealing.unkeyed().newSealer()), listener);
    private final ReceiverState rx = roster.admit(5, new InetSocketAddress("10.0.0.5", 9001), "rx", 64,
        clock.nanoTime());

    @Test
    void shouldDropReceiverSilentPastTheLimitAndTellIt() throws Exception
    {
        clock.advanceNs(DROP_AFTER_NS);
        liveness.dropSilent(false, clock.nanoTime());
        assertEquals(ReceiverState.State.JOINED, rx.state());

        clock.advanceNs(1_000_000_000L);
        liveness.dropSilent(false, clock.nanoTime());

        assertEquals(ReceiverState.State.LOST, rx.state());
        assertEquals(List.of("0: silent for 3 s"), listener.lost);
        final List<FakeTransport.Datagram> byes = Sent.ofType(transport.sent(), FrameType.BYE);
        assertEquals(1, byes.size());
        assertEquals(ByeFrame.REASON_DROPPED, Sent.bye(byes.getFirst()).reason());
    }

    @Test
    void shouldWaitTwiceAsLongWhileFeedbackIsQueued() throws Exception
    {
        clock.advanceNs(2 * DROP_AFTER_NS);
        liveness.dropSilent(true, clock.nanoTime());

        assertEquals(ReceiverState.State.JOINED, rx.state());
    }

    @Test
    void shouldLeaveReceiversThatAreDoneAlone() throws Exception
    {
        rx.state = ReceiverState.State.DONE;
        clock.advanceNs(10 * DROP_AFTER_NS);

        liveness.dropSilent(false, clock.nanoTime());

        assertEquals(ReceiverState.State.DONE, rx.state());
        assertEquals(List.of(), transport.sent());
    }
}
