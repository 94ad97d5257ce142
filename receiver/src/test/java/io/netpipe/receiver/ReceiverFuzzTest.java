package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.Lifecycle;
import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import io.netpipe.transport.FakeTransport;

/**
 * Coverage-guided fuzzing of the receiver's frame handling ({@link Inbound} inside a {@link ReceiverAgent} over a
 * {@link FakeTransport}), unkeyed and keyed: the input is a script of steps, each a frame of the real sender
 * (ANNOUNCE listing the receiver's JOIN, DATA, HEARTBEAT, EOF, BYE), a forgery (any frame type and bytes with a
 * valid header and CRC for the session, a prefix EOF with the digest of a prefix, another stream's DATA and EOF),
 * a replay or bit-flipped copy of any datagram delivered before, raw bytes, or time passing. After every step the
 * receiver must not have thrown, and a COMPLETE receiver must hold a stream that everything agrees on: keyed, the
 * sender's exact stream whatever the forger did; unkeyed, the exact stream if nothing was forged or if the real EOF
 * reached it as a member of the session (any forgery then contradicts something it heard), and otherwise bytes
 * whose length and SHA-256 are those of an EOF that was delivered (without a key a forger who is faster than the
 * sender can always substitute a whole consistent stream; it must never make an inconsistent one look right).
 * (Check of the harness: with the check that two EOFs agree removed from {@link ReceiveSession}, it found a forged
 * EOF completing a receiver with a wrong stream in 25 s; the input is kept as
 * {@code eof-contradicted-by-the-real-eof}.)
 * <p>
 * With {@code JAZZER_FUZZ=1} ({@code bin/test}) it fuzzes for {@link #MAX_DURATION}; otherwise it replays the
 * inputs under {@code ReceiverFuzzTestInputs}, where every crash found is saved.
 */
class ReceiverFuzzTest
{
    static final String MAX_DURATION = "30s";

    private static final int SESSION = 0x5E551011;
    private static final int PACKET_SIZE = 576;
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_STEPS = 64;
    private static final long STEP_NS = 20_000_000L;
    private static final InetSocketAddress FORGER = new InetSocketAddress("10.0.0.66", 9001);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PreSharedKey KEY = new PreSharedKey(new byte[PreSharedKey.LENGTH]);
    private static final FrameType[] TYPES = FrameType.values();
    private static final Phase[] PHASES = Phase.values();

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final List<Long> nonces = new ArrayList<>();
    /** Length and SHA-256 of every EOF delivered, real or forged. */
    private final Set<String> eofs = new HashSet<>();
    private ReceiverAgent agent;
    private FrameVerifier feedback;
    private int scanned;
    private long nextData;
    private boolean forged;
    private boolean realEofHeard;

    // A fresh instance per input: the agent and everything it saw are per input.
    @FuzzTest(maxDuration = MAX_DURATION, lifecycle = Lifecycle.PER_EXECUTION)
    void shouldNeverCompleteWithAStreamNothingAgreesOn(final FuzzedDataProvider data) throws IOException
    {
        final boolean keyed = data.consumeBoolean();
        final SessionSealing senderSealing = keyed ? KeyedSealing.newSession(KEY, RANDOM) : SessionSealing.unkeyed();
        feedback = senderSealing.newVerifier();
        final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE, senderSealing);
        final byte[] input = new byte[data.consumeInt(0, 5 * sender.payload() + 7)];
        new Random(input.length).nextBytes(input);
        sender.input(input);
        final FakeSender forger = new FakeSender(transport, SESSION, PACKET_SIZE);
        agent = new ReceiverAgent(new RecvConfig(1 << 20, null, 0, 3 * SECOND, "rx-fuzz",
            keyed ? KeyedSealing.awaitingSession(KEY, RANDOM) : SessionSealing.unkeyed()), transport, writer,
            GroupMembership.NONE, clock, new RecordingListener());
        eofs.add(digestKey(input));
        for (int step = 0; step < MAX_STEPS && !agent.isDone() && data.remainingBytes() > 0; step++)
        {
            // One byte per step for the real sender's own moves, so that short inputs already play whole sessions.
            switch (data.consumeInt(0, 13))
            {
                case 0 -> sender.announce(Phase.SEEK, nonces.stream().mapToLong(Long::longValue).toArray());
                case 12 -> sender.announce(PHASES[data.consumeInt(0, PHASES.length - 1)],
                    nonces.stream().mapToLong(Long::longValue).toArray());
                case 1 ->
                {
                    if (nextData < sender.packetCount())
                    {
                        sender.data(nextData++);
                    }
                }
                case 2 ->
                {
                    if (sender.packetCount() > 0)
                    {
                        sender.data(data.consumeLong(0, sender.packetCount() - 1));
                    }
                }
                case 13 -> sender.heartbeat(nextData);
                case 3 -> sender.heartbeat(data.consumeLong(0, sender.packetCount() + 1));
                case 4 ->
                {
                    // Heard by a member: from now on a contradicting forgery can only make the stream corrupt.
                    realEofHeard |= null != agent.memberSession();
                    sender.eof();
                }
                case 5 -> sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
                case 6 -> deliverForged(data);
                case 7 ->
                {
                    // The classic attack: an EOF for a prefix, with that prefix's digest (a public image).
                    final int prefix = data.consumeInt(0, input.length);
                    final byte[] bytes = Arrays.copyOf(input, prefix);
                    forged = true;
                    eofs.add(digestKey(bytes));
                    forger.eof((prefix + sender.payload() - 1) / sender.payload(), prefix, FakeSender.sha256(bytes));
                }
                case 8 ->
                {
                    // Another stream, whole and consistent: its DATA and its EOF.
                    final byte[] other = data.consumeBytes(2 * sender.payload());
                    forged = true;
                    eofs.add(digestKey(other));
                    forger.input(other);
                    forger.data(0, forger.packetCount());
                    forger.eof();
                }
                case 9 -> replay(data);
                case 10 -> clock.advanceNs(data.consumeLong(0, 4 * SECOND));
                default ->
                {
                    forged = true;
                    transport.deliver(FORGER, data.consumeBytes(data.consumeInt(0, 700)));
                }
            }
            // Time passes at every step too: the receiver's timers and silence limit move on.
            clock.advanceNs(STEP_NS);
            work();
            collectJoins();
        }
        if (agent.isDone() && agent.result().outcome() == RecvResult.Outcome.COMPLETE)
        {
            if (keyed || !forged || realEofHeard)
            {
                assertArrayEquals(input, out.toByteArray(), "complete with another stream");
            }
            else
            {
                assertTrue(eofs.contains(digestKey(out.toByteArray())),
                    "complete with " + out.size() + " bytes that no EOF described");
            }
        }
    }

    private void work() throws IOException
    {
        ReceiverRounds.round(agent, writer);
    }

    /** Reads the nonce of every JOIN the receiver sent since the last step, for the sender's next ANNOUNCE. */
    private void collectJoins()
    {
        final List<FakeTransport.Datagram> sent = transport.sent();
        for (; scanned < sent.size(); scanned++)
        {
            final ByteBuffer buffer = sent.get(scanned).buffer();
            if (feedback.verify(buffer, 0, buffer.remaining()) == FrameType.JOIN)
            {
                final JoinFrame join = new JoinFrame();
                join.wrap(buffer, 0);
                nonces.add(join.nonce());
            }
        }
    }

    /** Any frame type with arbitrary bytes under a valid header and CRC of the session. */
    private void deliverForged(final FuzzedDataProvider data)
    {
        final FrameType type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        final byte[] body = data.consumeBytes(data.consumeInt(0, 600));
        final int length = FrameHeader.HEADER_LENGTH + body.length;
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.put(FrameHeader.HEADER_LENGTH, body);
        new FrameHeader().wrap(buffer).writeHeader(type, SESSION);
        SessionSealing.unkeyed().newSealer().seal(buffer, 0, length);
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        forged = true;
        transport.deliver(data.consumeBoolean() ? FORGER : FakeSender.ADDRESS, bytes);
    }

    /** A datagram delivered before, again, maybe with one bit flipped, maybe from the forger's address. */
    private void replay(final FuzzedDataProvider data)
    {
        final List<FakeTransport.Datagram> delivered = transport.delivered();
        if (delivered.isEmpty())
        {
            return;
        }
        final byte[] bytes = delivered.get(data.consumeInt(0, delivered.size() - 1)).bytes().clone();
        if (bytes.length > 0 && data.consumeBoolean())
        {
            final int bit = data.consumeInt(0, bytes.length * 8 - 1);
            bytes[bit >>> 3] ^= (byte)(1 << (bit & 7));
            // A flipped bit of a CRC-sealed frame may still verify (the CRC is no MAC): count it as forged.
            forged = true;
        }
        transport.deliver(data.consumeBoolean() ? FORGER : FakeSender.ADDRESS, bytes);
    }

    private static String digestKey(final byte[] bytes)
    {
        return bytes.length + ":" + Arrays.toString(FakeSender.sha256(bytes));
    }
}
