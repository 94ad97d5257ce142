package io.netpipe.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import org.junit.jupiter.api.Test;

import static io.netpipe.protocol.crypto.SealedFrames.announce;
import static io.netpipe.protocol.crypto.SealedFrames.data;
import static io.netpipe.protocol.crypto.SealedFrames.heartbeat;

/** Which keyed frames a verifier takes over time: replays, reordering, sealers, sessions. */
class KeyedReplayTest
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
}
