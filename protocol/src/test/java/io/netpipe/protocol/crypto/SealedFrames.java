package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.StatusFrame;

/** Frames of each direction built and sealed for the keyed tests; each clears its buffer first. */
final class SealedFrames
{
    static final int SESSION = 0x0A0B0C0D;
    static final byte[] PAYLOAD = "attack at dawn, bring the ISO".getBytes(StandardCharsets.US_ASCII);

    private SealedFrames()
    {
    }

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

}
