package io.netpipe.protocol;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;

/**
 * Coverage-guided fuzzing of every frame decoder and of both verifiers (Jazzer). One target, so that one bounded
 * fuzzing run ({@code JAZZER_FUZZ=1}, at most {@link #MAX_DURATION}) covers them all: Jazzer fuzzes only one target
 * per JVM. Without {@code JAZZER_FUZZ} it replays the inputs under {@code FrameFuzzTestInputs} as regression tests,
 * where every crash Jazzer finds is saved.
 * <p>
 * Input: byte 0 picks the mode, byte 1 the offset of the frame in its buffer (and heap or direct), the rest is the
 * datagram. The buffer ends exactly where the datagram does, so any read past the frame throws.
 * <ul>
 * <li>mode 0: the bytes as received, through the unkeyed verifier;</li>
 * <li>mode 1: the bytes sealed with a CRC first (so the fuzzer reaches the decoders), then verified and read;</li>
 * <li>mode 2: the bytes as received, through a keyed verifier awaiting a session;</li>
 * <li>mode 3: the bytes sealed with a key by the side that sends their type, then verified and read.</li>
 * </ul>
 */
class FrameFuzzTest
{
    static final String MAX_DURATION = "30s";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PreSharedKey KEY = new PreSharedKey(new byte[PreSharedKey.LENGTH]);
    private static final KeyedSealing SENDER = KeyedSealing.newSession(KEY, RANDOM);
    private static final KeyedSealing AWAITING = KeyedSealing.awaitingSession(KEY, RANDOM);
    private static final KeyedSealing RECEIVER = receiverOf(SENDER);

    // One of each for the whole run: making Ciphers per input would cost most of the fuzzer's time. The keyed
    // sealers' counters only grow, so the verifiers' replay windows never reject a fuzzed frame for being old.
    private static final FrameSealer CRC_SEALER = SessionSealing.unkeyed().newSealer();
    private static final FrameVerifier CRC_VERIFIER = SessionSealing.unkeyed().newVerifier();
    private static final FrameVerifier AWAITING_VERIFIER = AWAITING.newVerifier();
    private static final FrameSealer SENDER_SEALER = SENDER.newSealer();
    private static final FrameSealer RECEIVER_SEALER = RECEIVER.newSealer();
    private static final FrameVerifier SENDER_VERIFIER = SENDER.newVerifier();
    private static final FrameVerifier RECEIVER_VERIFIER = RECEIVER.newVerifier();

    private final EveryField fields = new EveryField();

    @FuzzTest(maxDuration = MAX_DURATION)
    void shouldNeverThrowOnAnyDatagram(final byte[] input)
    {
        if (input.length < 2)
        {
            return;
        }
        final int mode = (input[0] & 0xFF) % 4;
        final int offset = input[1] & 0x3F;
        final boolean direct = (input[1] & 0x40) != 0;
        final int length = input.length - 2;
        final boolean sealed = mode == 1 || mode == 3;
        final int trailer = mode >= 2 ? KeyedSealing.TRAILER_LENGTH : 0;
        final int capacity = offset + length + (sealed ? trailer : 0);
        final ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buffer.put(offset, input, 2, length);
        if (sealed && length < FrameHeader.HEADER_LENGTH)
        {
            return;
        }
        final FrameVerifier verifier;
        int datagram = length;
        switch (mode)
        {
            case 0 -> verifier = CRC_VERIFIER;
            case 1 ->
            {
                datagram = CRC_SEALER.seal(buffer, offset, length);
                verifier = CRC_VERIFIER;
            }
            case 2 -> verifier = AWAITING_VERIFIER;
            default ->
            {
                final FrameType type = FrameType.get(buffer.get(offset + FrameHeader.TYPE_OFFSET) & 0xFF);
                final boolean fromReceiver = type == FrameType.JOIN || type == FrameType.STATUS;
                datagram = (fromReceiver ? RECEIVER_SEALER : SENDER_SEALER).seal(buffer, offset, length);
                verifier = fromReceiver ? SENDER_VERIFIER : RECEIVER_VERIFIER;
            }
        }
        final FrameType type = verifier.verify(buffer, offset, datagram);
        if (null != type)
        {
            fields.read(type, buffer, offset, datagram - verifier.trailerLength());
        }
    }

    /** The receiver's sealing of a session, as a receiver gets it: from an ANNOUNCE it verified. */
    private static KeyedSealing receiverOf(final KeyedSealing sender)
    {
        final ByteBuffer announce = ByteBuffer.allocate(AnnounceFrame.length(0) + KeyedSealing.TRAILER_LENGTH);
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(announce).writeHeader(FrameType.ANNOUNCE, 1);
        frame.write(Phase.SEEK, DataFrame.MIN_PACKET_SIZE, 0, 1, 0);
        final int length = sender.newSealer().seal(announce, 0, AnnounceFrame.length(0));
        if (AWAITING.newVerifier().verify(announce, 0, length) != FrameType.ANNOUNCE)
        {
            throw new AssertionError("a sender's own ANNOUNCE did not verify");
        }
        return AWAITING.joining(announce, 0, length);
    }
}
