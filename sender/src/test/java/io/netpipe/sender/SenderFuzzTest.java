package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.Lifecycle;
import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.FakeTransport;

/**
 * Coverage-guided fuzzing of the sender's frame handling ({@link FeedbackHandler} inside a {@link SenderAgent} over
 * a {@link FakeTransport}): the input is a script of steps, each a real receiver's JOIN or STATUS (with any
 * positions and flags), a datagram of arbitrary bytes with a valid header and CRC for the session (a forger on the
 * LAN, from a stranger's or a real receiver's address), a flood of JOINs read in one duty cycle, raw bytes, or time
 * passing. After every step the sender must not have thrown and must hold what issue 11 promises: it releases a
 * receiver as complete (a BYE "complete" to it) only if it admitted that receiver and only after it sent every
 * packet and the EOF, it admits at most {@code -n} plus the margin, and a COMPLETE session has only admitted
 * receivers, all DONE. (Check of the harness: with the admission limit removed from {@link Rendezvous}, it found
 * the flood in 6 s; the input is kept as {@code join-flood-beyond-the-margin}.)
 * <p>
 * With {@code JAZZER_FUZZ=1} ({@code bin/test}) it fuzzes for {@link #MAX_DURATION}; otherwise it replays the
 * inputs under {@code SenderFuzzTestInputs}, where every crash found is saved.
 */
class SenderFuzzTest
{
    static final String MAX_DURATION = "30s";

    private static final int SESSION = 0x5E551011;
    private static final int PACKET_SIZE = SendConfig.MIN_PACKET_SIZE;
    private static final int PAYLOAD = DataFrame.payloadCapacity(PACKET_SIZE);
    private static final InetSocketAddress DATA = new InetSocketAddress("10.0.0.255", 9000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.0.0.66", 9000);
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_STEPS = 64;
    private static final int ACTIONS = 8;
    private static final long STEP_NS = 20_000_000L;
    private static final FrameType[] TYPES = FrameType.values();

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final BitSet dataSent = new BitSet();
    private SenderRig rig;
    private SenderAgent sender;
    private int scanned;
    private boolean eofSent;

    // A fresh instance per input: the agent and everything it saw are per input.
    @FuzzTest(maxDuration = MAX_DURATION, lifecycle = Lifecycle.PER_EXECUTION)
    void shouldReleaseOnlyAdmittedReceiversAfterTheWholeStream(final FuzzedDataProvider data) throws IOException
    {
        final int expected = data.consumeInt(1, 2);
        final int packets = data.consumeInt(1, 6);
        start(expected, packets);
        final List<FakeReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < expected + 1; i++)
        {
            receivers.add(new FakeReceiver(transport, SESSION, i, data.consumeInt(1, 64)));
        }
        for (int step = 0; step < MAX_STEPS && !sender.isDone() && data.remainingBytes() > 0; step++)
        {
            // One byte picks the receiver and the action, so that short inputs already play whole sessions.
            final int pick = data.consumeInt(0, receivers.size() * ACTIONS - 1);
            final FakeReceiver rx = receivers.get(pick / ACTIONS);
            switch (pick % ACTIONS)
            {
                case 0 -> rx.join();
                case 1 -> rx.status(0, 0, rx.window());
                case 2 -> rx.status(StatusFrame.FLAG_DONE, packets, packets + rx.window());
                case 3 -> rx.id(data.consumeInt(-1, 3)).status(flags(data), data.consumeLong(-1, packets + 1),
                    data.consumeLong(-1, packets + 70), ranges(data, packets));
                case 4 -> transport.deliver(data.consumeBoolean() ? STRANGER : rx.address(), forged(data));
                case 5 -> transport.deliver(STRANGER, data.consumeBytes(data.consumeInt(0, 600)));
                case 6 -> clock.advanceNs(data.consumeLong(0, 3 * SECOND));
                default ->
                {
                    // A flood: JOINs with distinct nonces from one host, all read in the same duty cycle.
                    final int joins = data.consumeInt(1, 20);
                    for (int i = 0; i < joins; i++)
                    {
                        new FakeReceiver(transport, SESSION, 100 + i, 64, STRANGER).join();
                    }
                }
            }
            // Time passes at every step too: announcements, pacing and the silence limits move on.
            clock.advanceNs(STEP_NS);
            work();
            checkSent(expected);
        }
        if (sender.isDone() && sender.result().outcome() == SendResult.Outcome.COMPLETE)
        {
            for (final ReceiverState r : sender.result().receivers())
            {
                assertTrue(listener.joined.contains(r.id()), "complete with receiver " + r.id() + " never admitted");
                assertEquals(ReceiverState.State.DONE, r.state, "complete with receiver " + r.id() + " not done");
            }
            assertEquals(packets, dataSent.cardinality(), "complete before every packet was sent");
        }
    }

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

    /** Checks what the sender sent since the last step: a BYE "complete" to one receiver must be deserved. */
    private void checkSent(final int expected)
    {
        final List<FakeTransport.Datagram> sent = transport.sent();
        for (; scanned < sent.size(); scanned++)
        {
            final FakeTransport.Datagram d = sent.get(scanned);
            switch (Sent.type(d))
            {
                case DATA ->
                {
                    final DataFrame frame = new DataFrame();
                    frame.wrap(d.buffer());
                    dataSent.set((int)frame.sequence());
                }
                case EOF -> eofSent = true;
                case BYE ->
                {
                    final ByeFrame bye = Sent.bye(d);
                    if (bye.reason() == ByeFrame.REASON_COMPLETE && bye.receiverId() != ByeFrame.ALL_RECEIVERS)
                    {
                        assertTrue(listener.joined.contains(bye.receiverId()),
                            "released receiver " + bye.receiverId() + " as complete, never admitted");
                        assertTrue(eofSent, "released receiver " + bye.receiverId() + " before the EOF was sent");
                    }
                }
                default ->
                {
                }
            }
        }
        assertTrue(listener.joined.size() <= expected + Rendezvous.ADMISSION_MARGIN,
            "admitted " + listener.joined.size() + " receivers for -n " + expected);
    }

    private static int flags(final FuzzedDataProvider data)
    {
        return switch (data.consumeInt(0, 3))
        {
            case 0 -> 0;
            case 1 -> StatusFrame.FLAG_DONE;
            case 2 -> StatusFrame.FLAG_FAILED;
            default -> data.consumeInt();
        };
    }

    private static long[] ranges(final FuzzedDataProvider data, final int packets)
    {
        final long[] ranges = new long[2 * data.consumeInt(0, 2)];
        for (int i = 0; i < ranges.length; i += 2)
        {
            ranges[i] = data.consumeLong(-1, packets + 1);
            ranges[i + 1] = data.consumeInt(-1, packets + 1);
        }
        return ranges;
    }

    /** Arbitrary bytes under a valid header and CRC of the session, of any frame type. */
    private static byte[] forged(final FuzzedDataProvider data)
    {
        final FrameType type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        final byte[] body = data.consumeBytes(data.consumeInt(0, 300));
        final int length = FrameHeader.HEADER_LENGTH + body.length;
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.put(FrameHeader.HEADER_LENGTH, body);
        new FrameHeader().wrap(buffer).writeHeader(type, SESSION);
        SessionSealing.unkeyed().newSealer().seal(buffer, 0, length);
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return bytes;
    }
}
