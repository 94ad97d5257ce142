package io.netpipe.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedSealingTest
{
    private static final int SESSION = 0x0A0B0C0D;
    private static final byte[] PAYLOAD = "attack at dawn, bring the ISO".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private final PreSharedKey key = PreSharedKey.generate(random);
    private final KeyedSealing sender = KeyedSealing.newSession(key, random);
    private final KeyedSealing awaiting = KeyedSealing.awaitingSession(key, random);

    /** A sealed DATA frame at {@code offset} in a buffer of its own; returns its sealed length. */
    static int data(final FrameSealer sealer, final ByteBuffer buffer, final int offset, final long sequence)
    {
        buffer.clear();
        final DataFrame frame = new DataFrame();
        frame.wrap(buffer, offset).writeHeader(FrameType.DATA, SESSION);
        frame.sequence(sequence);
        buffer.put(offset + DataFrame.PAYLOAD_OFFSET, PAYLOAD);
        return sealer.seal(buffer, offset, DataFrame.PAYLOAD_OFFSET + PAYLOAD.length);
    }

    static int announce(final FrameSealer sealer, final ByteBuffer buffer)
    {
        buffer.clear();
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(buffer).writeHeader(FrameType.ANNOUNCE, SESSION);
        frame.write(Phase.SEEK, 1472, 0, 2, 1).nonce(0, 0x1122334455667788L);
        return sealer.seal(buffer, 0, AnnounceFrame.length(1));
    }

    static int heartbeat(final FrameSealer sealer, final ByteBuffer buffer, final long next)
    {
        buffer.clear();
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(next);
        return sealer.seal(buffer, 0, HeartbeatFrame.LENGTH);
    }

    static int status(final FrameSealer sealer, final ByteBuffer buffer)
    {
        buffer.clear();
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer).writeHeader(FrameType.STATUS, SESSION);
        frame.write(3, StatusFrame.FLAG_DONE, 42L, 1000L, 2000L, 1, 999);
        return sealer.seal(buffer, 0, StatusFrame.length(0));
    }

    /** A receiver's sealing of the sender's session, as it gets it: from an ANNOUNCE it verified. */
    private KeyedSealing receiver()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final int length = announce(sender.newSealer(), buffer);
        assertEquals(FrameType.ANNOUNCE, awaiting.newVerifier().verify(buffer, 0, length));
        return awaiting.joining(buffer, 0, length);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRoundTripDataAtAnOffsetWithTheBodyEncryptedOnTheWire(final boolean direct)
    {
        final int offset = 37;
        final ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(1472 + offset) : ByteBuffer.allocate(1472 + offset);
        final int length = data(sender.newSealer(), buffer, offset, 0x1_0000_0002L);

        assertEquals(DataFrame.PAYLOAD_OFFSET + PAYLOAD.length + KeyedSealing.TRAILER_LENGTH, length);
        assertEquals(offset, buffer.position());
        assertEquals(offset + length, buffer.limit());
        final byte[] wire = new byte[PAYLOAD.length];
        buffer.get(offset + DataFrame.PAYLOAD_OFFSET, wire);
        assertFalse(Arrays.equals(PAYLOAD, wire), "payload travels in clear");

        assertEquals(FrameType.DATA, receiver().newVerifier().verify(buffer, offset, length));
        final DataFrame frame = new DataFrame();
        frame.wrap(buffer, offset);
        assertEquals(SESSION, frame.sessionId());
        assertEquals(0x1_0000_0002L, frame.sequence());
        assertEquals(PAYLOAD.length, DataFrame.payloadLength(length - KeyedSealing.TRAILER_LENGTH));
        final byte[] payload = new byte[PAYLOAD.length];
        buffer.get(offset + DataFrame.PAYLOAD_OFFSET, payload);
        assertArrayEquals(PAYLOAD, payload);
    }

    @Test
    void shouldRoundTripInAHeapBufferThatStartsInsideItsArray()
    {
        final byte[] array = new byte[2000];
        final ByteBuffer buffer = ByteBuffer.wrap(array, 100, 1600).slice();
        final int length = data(sender.newSealer(), buffer, 11, 99);
        final ByteBuffer copy = ByteBuffer.allocateDirect(1600);
        copy.put(11, buffer, 11, length);

        assertEquals(100, buffer.arrayOffset());
        assertEquals(FrameType.DATA, receiver().newVerifier().verify(copy, 11, length), "heap-sealed, direct-verified");
        final byte[] payload = new byte[PAYLOAD.length];
        copy.get(11 + DataFrame.PAYLOAD_OFFSET, payload);
        assertArrayEquals(PAYLOAD, payload);
    }

    @Test
    void shouldRoundTripReceiverStatusToTheSender()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1472);
        final int length = status(receiver().newSealer(), buffer);

        assertEquals(FrameType.STATUS, sender.newVerifier().verify(buffer, 0, length));
        final StatusFrame frame = new StatusFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(length - KeyedSealing.TRAILER_LENGTH));
        assertEquals(3, frame.receiverId());
        assertEquals(StatusFrame.FLAG_DONE, frame.flags());
        assertEquals(42L, frame.nonce());
        assertEquals(1000L, frame.contiguous());
        assertEquals(2000L, frame.windowEnd());
        assertEquals(999, frame.received());
    }

    @Test
    void shouldMarkKeyedFramesWithTheKeyedVersionSoUnkeyedPeersDropThem()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final int length = heartbeat(sender.newSealer(), buffer, 5);

        assertEquals(0x81, new FrameHeader().wrap(buffer).version());
        assertNull(SessionSealing.unkeyed().newVerifier().verify(buffer, 0, length));
    }

    @Test
    void shouldRejectUnkeyedFrames()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        new HeartbeatFrame().wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        final int length = SessionSealing.unkeyed().newSealer().seal(buffer, 0, HeartbeatFrame.LENGTH + 44);
        final KeyedVerifier verifier = (KeyedVerifier)receiver().newVerifier();

        assertNull(verifier.verify(buffer, 0, length));
        assertEquals(1, verifier.forged());
    }

    @Test
    void shouldRejectEveryFrameSealedWithAnotherKey()
    {
        final KeyedSealing stranger = KeyedSealing.newSession(PreSharedKey.generate(random), random);
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final KeyedVerifier verifier = (KeyedVerifier)awaiting.newVerifier();

        assertNull(verifier.verify(buffer, 0, announce(stranger.newSealer(), buffer)));
        assertNull(verifier.verify(buffer, 0, heartbeat(stranger.newSealer(), buffer, 1)));
        assertNull(verifier.verify(buffer, 0, data(stranger.newSealer(), buffer, 0, 1)));
        assertEquals(3, verifier.forged());
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        final FrameVerifier verifier = receiver().newVerifier();
        final ByteBuffer buffer = ByteBuffer.allocate(128);
        final ByteBuffer original = ByteBuffer.allocate(128);
        final FrameSealer sealer = sender.newSealer();
        final int length = heartbeat(sealer, original, 0x0102030405L);
        for (int bit = 0; bit < length * 8; bit++)
        {
            buffer.clear().put(original.duplicate().clear());
            buffer.put(bit >>> 3, (byte)(buffer.get(bit >>> 3) ^ (1 << (bit & 7))));
            final int flipped = bit;
            assertNull(verifier.verify(buffer, 0, length), () -> "accepted with bit " + flipped + " flipped");
        }
        buffer.clear().put(original.duplicate().clear());
        assertEquals(FrameType.HEARTBEAT, verifier.verify(buffer, 0, length));
    }

    @Test
    void shouldRejectATruncatedFrame()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final int length = heartbeat(sender.newSealer(), buffer, 5);
        final FrameVerifier verifier = receiver().newVerifier();

        assertNull(verifier.verify(buffer, 0, length - 1));
        assertNull(verifier.verify(buffer, 0, FrameHeader.HEADER_LENGTH + KeyedSealing.TRAILER_LENGTH - 1));
        assertNull(verifier.verify(buffer, 0, 0));
        assertNull(verifier.verify(buffer, 1400, 100), "a length past the buffer's end is rejected, not thrown");
    }

    @Test
    void shouldRejectAReplayedControlFrame()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final ByteBuffer copy = ByteBuffer.allocate(1472);
        final int length = heartbeat(sender.newSealer(), buffer, 5);
        copy.put(buffer.duplicate().clear());
        final KeyedVerifier verifier = (KeyedVerifier)receiver().newVerifier();

        assertEquals(FrameType.HEARTBEAT, verifier.verify(buffer, 0, length));
        assertNull(verifier.verify(copy, 0, length));
        assertEquals(1, verifier.replayed());
    }

    @Test
    void shouldAcceptControlFramesReorderedWithinTheWindowButNotOlder()
    {
        final FrameSealer sealer = sender.newSealer();
        final int count = ReplayWindows.WINDOW + 3;
        final ByteBuffer[] frames = new ByteBuffer[count];
        final int[] lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = ByteBuffer.allocate(128);
            lengths[i] = heartbeat(sealer, frames[i], i);
        }
        final FrameVerifier verifier = receiver().newVerifier();

        assertEquals(FrameType.HEARTBEAT, verifier.verify(frames[1], 0, lengths[1]));
        assertEquals(FrameType.HEARTBEAT, verifier.verify(frames[0], 0, lengths[0]), "one behind: reordered");
        assertEquals(FrameType.HEARTBEAT, verifier.verify(frames[count - 1], 0, lengths[count - 1]));
        assertNull(verifier.verify(frames[2], 0, lengths[2]), "a window behind: too old to tell from a replay");
        assertEquals(FrameType.HEARTBEAT, verifier.verify(frames[3], 0, lengths[3]), "just inside the window");
    }

    @Test
    void shouldAcceptARetransmittedDataFrameAsSealedOnce()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final ByteBuffer copy = ByteBuffer.allocate(1472);
        final FrameSealer sealer = sender.newSealer();
        final int length = data(sealer, buffer, 0, 7);
        copy.put(buffer.duplicate().clear());
        final FrameVerifier verifier = receiver().newVerifier();
        final ByteBuffer later = ByteBuffer.allocate(1472);
        for (int i = 0; i < 2 * ReplayWindows.WINDOW; i++)
        {
            assertEquals(FrameType.DATA, verifier.verify(later, 0, data(sealer, later, 0, 8 + i)));
        }

        assertEquals(FrameType.DATA, verifier.verify(copy, 0, length));
        final DataFrame frame = new DataFrame();
        frame.wrap(copy);
        assertEquals(7, frame.sequence());
    }

    @Test
    void shouldKeepTwoSealersOfOneSessionApart()
    {
        final FrameSealer reader = sender.newSealer();
        final FrameSealer agent = sender.newSealer();
        final ByteBuffer a = ByteBuffer.allocate(128);
        final ByteBuffer b = ByteBuffer.allocate(128);
        final int lengthA = heartbeat(reader, a, 1);
        final int lengthB = heartbeat(agent, b, 1);
        final int trailer = lengthA - KeyedSealing.TRAILER_LENGTH;

        assertNotEquals(a.getInt(trailer + KeyedSealing.SEALER_ID_OFFSET), b.getInt(trailer + KeyedSealing.SEALER_ID_OFFSET));
        final FrameVerifier verifier = receiver().newVerifier();
        assertEquals(FrameType.HEARTBEAT, verifier.verify(a, 0, lengthA));
        assertEquals(FrameType.HEARTBEAT, verifier.verify(b, 0, lengthB));
    }

    @Test
    void shouldTakeOnlyTheOtherSidesFrames()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final int length = heartbeat(sender.newSealer(), buffer, 1);

        assertNull(sender.newVerifier().verify(buffer, 0, length), "the sender's own frame reflected back");
    }

    @Test
    void shouldTakeOnlyItsOwnSessionOnceBound()
    {
        final KeyedSealing other = KeyedSealing.newSession(key, random);
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final FrameVerifier verifier = receiver().newVerifier();

        assertNull(verifier.verify(buffer, 0, announce(other.newSealer(), buffer)));
        assertNull(verifier.verify(buffer, 0, heartbeat(other.newSealer(), buffer, 1)));
    }

    @Test
    void shouldLearnANewSessionOnlyFromItsAnnounce()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final FrameSealer sealer = sender.newSealer();
        final FrameVerifier verifier = awaiting.newVerifier();

        assertNull(verifier.verify(buffer, 0, heartbeat(sealer, buffer, 1)), "unknown session, not an ANNOUNCE");
        assertEquals(FrameType.ANNOUNCE, verifier.verify(buffer, 0, announce(sealer, buffer)));
        assertEquals(FrameType.HEARTBEAT, verifier.verify(buffer, 0, heartbeat(sealer, buffer, 2)));
    }

    @Test
    void shouldKeepAKnownSessionThroughAFloodOfForgedSalts()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final FrameSealer sealer = sender.newSealer();
        final KeyedVerifier verifier = (KeyedVerifier)awaiting.newVerifier();
        assertEquals(FrameType.ANNOUNCE, verifier.verify(buffer, 0, announce(sealer, buffer)));
        for (int i = 0; i < 3 * KeyedVerifier.SESSIONS; i++)
        {
            final int length = announce(sealer, buffer);
            buffer.putLong(length - KeyedSealing.TRAILER_LENGTH + KeyedSealing.SALT_OFFSET, random.nextLong());
            assertNull(verifier.verify(buffer, 0, length));
        }

        assertEquals(FrameType.HEARTBEAT, verifier.verify(buffer, 0, heartbeat(sealer, buffer, 2)));
        assertEquals(3 * KeyedVerifier.SESSIONS, verifier.forged());
    }

    @Test
    void shouldRefuseToSealBeforeASessionIsChosen()
    {
        assertFalse(awaiting.hasSession());
        assertThrows(IllegalStateException.class, awaiting::newSealer);
    }

    @Test
    void shouldRefuseAFrameWithoutRoomForItsTrailer()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(HeartbeatFrame.LENGTH + KeyedSealing.TRAILER_LENGTH - 1);
        new HeartbeatFrame().wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);

        assertThrows(IllegalArgumentException.class, () -> sender.newSealer().seal(buffer, 0, HeartbeatFrame.LENGTH));
    }
}
