package io.netpipe.cli;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;

/**
 * The {@link Forger}'s frames: well-formed, of any field values, with a session id of its choosing and a valid
 * CRC-32 (what anyone who hears a session without a key can make). Each is returned as a buffer of its own.
 */
final class ForgedFrames
{
    private final FrameSealer sealer = SessionSealing.unkeyed().newSealer();
    private final ByteBuffer frame = ByteBuffer.allocate(1 << 20);
    private final SplittableRandom random = new SplittableRandom(11);
    private int sessionId;

    /**
     * @param id the session id the next frames carry.
     * @return this.
     */
    ForgedFrames session(final int id)
    {
        sessionId = id;
        return this;
    }

    /** @return a random 64-bit value (a nonce nobody has). */
    long nextLong()
    {
        return random.nextLong();
    }

    private ByteBuffer seal(final FrameHeader header, final FrameType type, final int length)
    {
        header.writeHeader(type, sessionId);
        sealer.seal(frame, 0, length);
        final ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, frame, 0, length);
        return copy;
    }

    ByteBuffer dataFrame(final long sequence, final int payload)
    {
        final DataFrame f = new DataFrame();
        f.wrap(frame.clear());
        f.sequence(sequence);
        final byte[] bytes = new byte[payload];
        random.nextBytes(bytes);
        frame.put(DataFrame.PAYLOAD_OFFSET, bytes);
        return seal(f, FrameType.DATA, DataFrame.PAYLOAD_OFFSET + payload);
    }

    ByteBuffer eofFrame(final long packets, final long bytes, final byte[] digest)
    {
        final EofFrame f = new EofFrame();
        f.wrap(frame.clear());
        f.packetCount(packets).byteCount(bytes).putDigest(digest);
        return seal(f, FrameType.EOF, EofFrame.LENGTH);
    }

    ByteBuffer heartbeat(final long next, final long rangeStart, final int rangeLength)
    {
        final HeartbeatFrame f = new HeartbeatFrame();
        f.wrap(frame.clear());
        f.nextSequence(next);
        if (rangeLength != 0)
        {
            f.range(0, rangeStart, rangeLength);
        }
        return seal(f, FrameType.HEARTBEAT, HeartbeatFrame.length(f.rangeCount()));
    }

    ByteBuffer bye(final int reason, final int receiverId, final String text)
    {
        final ByeFrame f = new ByeFrame();
        f.wrap(frame.clear());
        // It cannot know any receiver's token (each travelled only unicast to the sender): it guesses.
        final int slots = 8;
        final int length = f.write(reason, receiverId, 0, slots, text.replace("\\e", "\033").replace('_', ' '),
            frame.capacity());
        for (int i = 0; i < slots; i++)
        {
            f.token(i, random.nextInt());
        }
        return seal(f, FrameType.BYE, length);
    }

    ByteBuffer announce(final int phase, final int packet, final int group, final int rosterCount)
    {
        final AnnounceFrame f = new AnnounceFrame();
        f.wrap(frame.clear());
        f.write(Phase.SEEK, packet, group, rosterCount, rosterCount);
        // Any phase code, also none that exists.
        frame.put(AnnounceFrame.PHASE_OFFSET, (byte)phase);
        for (int i = 0; i < rosterCount; i++)
        {
            f.nonce(i, random.nextLong());
        }
        return seal(f, FrameType.ANNOUNCE, AnnounceFrame.length(rosterCount));
    }

    ByteBuffer status(final int receiverId, final int flags, final long nonce, final long contiguous,
        final long windowEnd)
    {
        final StatusFrame f = new StatusFrame();
        f.wrap(frame.clear());
        f.write(receiverId, flags, nonce, contiguous, windowEnd, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return seal(f, FrameType.STATUS, StatusFrame.length(0));
    }

    ByteBuffer join(final long nonce, final int window)
    {
        final JoinFrame f = new JoinFrame();
        f.wrap(frame.clear());
        final int length = f.write(nonce == 0 ? random.nextLong() : nonce, random.nextLong(), window, "ghost");
        return seal(f, FrameType.JOIN, length);
    }
}
