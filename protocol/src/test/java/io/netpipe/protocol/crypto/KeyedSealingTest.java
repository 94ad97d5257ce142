package io.netpipe.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.netpipe.protocol.crypto.SealedFrames.PAYLOAD;
import static io.netpipe.protocol.crypto.SealedFrames.SESSION;
import static io.netpipe.protocol.crypto.SealedFrames.announce;
import static io.netpipe.protocol.crypto.SealedFrames.data;
import static io.netpipe.protocol.crypto.SealedFrames.heartbeat;
import static io.netpipe.protocol.crypto.SealedFrames.status;

/** Sealing and verifying one keyed frame: round trips, and every way a frame is rejected. */
class KeyedSealingTest
{
    private final SecureRandom random = new SecureRandom();
    private final PreSharedKey key = PreSharedKey.generate(random);
    private final KeyedSealing sender = KeyedSealing.newSession(key, random);
    private final KeyedSealing awaiting = KeyedSealing.awaitingSession(key, random);

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

        assertEquals(0x80 | FrameHeader.VERSION, new FrameHeader().wrap(buffer).version());
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

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldLeaveAForgedFrameAsItArrived(final boolean direct)
    {
        final ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(1472) : ByteBuffer.allocate(1472);
        final int length = data(sender.newSealer(), buffer, 0, 7);
        buffer.put(DataFrame.PAYLOAD_OFFSET, (byte)(buffer.get(DataFrame.PAYLOAD_OFFSET) ^ 1));
        final byte[] arrived = new byte[length];
        buffer.get(0, arrived);

        assertNull(receiver().newVerifier().verify(buffer, 0, length));

        final byte[] after = new byte[length];
        buffer.get(0, after);
        assertArrayEquals(arrived, after);
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
    void shouldSealWhateverTheBuffersLimitAndDropADatagramPastIt()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1472);
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(buffer).writeHeader(FrameType.HEARTBEAT, SESSION);
        frame.nextSequence(3);
        buffer.limit(HeartbeatFrame.LENGTH);
        final int length = sender.newSealer().seal(buffer, 0, HeartbeatFrame.LENGTH);
        final FrameVerifier verifier = receiver().newVerifier();

        assertEquals(length, buffer.limit());
        assertNull(verifier.verify(buffer.limit(length - 1), 0, length));
        assertEquals(FrameType.HEARTBEAT, verifier.verify(buffer.limit(length), 0, length));
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
