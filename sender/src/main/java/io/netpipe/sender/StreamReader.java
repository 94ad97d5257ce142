package io.netpipe.sender;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import io.netpipe.agent.Agent;
import io.netpipe.libc.Sha256;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.FrameType;

/**
 * Reads the input into free frames, one full payload each, and seals them as DATA frames (sequence, CRC) so the
 * sender agent only sends. Hashing and CRCs happen here, off the network thread. Runs on its own thread because
 * reading stdin blocks. The end of input and a read failure are published through volatile fields.
 */
public final class StreamReader implements Agent
{
    private static final int STAGING_BYTES = 256 << 10;

    private final ReadableByteChannel input;
    private final FramePool pool;
    private final int sessionId;
    private final int payloadCapacity;
    private final Sha256 digest = Sha256.newDigest();
    private final FrameSealer sealer;
    private final DataFrame dataFrame = new DataFrame();
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES).limit(0);
    private long nextSequence;
    private long byteCount;
    private byte[] finalDigest;
    private volatile long packetCount = -1;
    private volatile IOException failure;

    /**
     * @param input      the stream to replicate.
     * @param pool       the frames to fill.
     * @param sessionId  written into every frame.
     * @param packetSize the session's packet size.
     */
    public StreamReader(final ReadableByteChannel input, final FramePool pool, final int sessionId, final int packetSize)
    {
        this(input, pool, sessionId, new SessionGeometry(packetSize, 0), SessionSealing.unkeyed().newSealer());
    }

    /**
     * @param input     the stream to replicate.
     * @param pool      the frames to fill.
     * @param sessionId written into every frame.
     * @param geometry  the session's sizes.
     * @param sealer    this thread's sealer of the session.
     */
    public StreamReader(final ReadableByteChannel input, final FramePool pool, final int sessionId,
        final SessionGeometry geometry, final FrameSealer sealer)
    {
        this.input = input;
        this.pool = pool;
        this.sessionId = sessionId;
        this.sealer = sealer;
        this.payloadCapacity = geometry.payloadCapacity();
    }

    @Override
    public int doWork()
    {
        if (isDone())
        {
            return 0;
        }
        final ByteBuffer frame = pool.free().relaxedPoll();
        if (null == frame)
        {
            return 0;
        }
        frame.clear().limit(DataFrame.PAYLOAD_OFFSET + payloadCapacity).position(DataFrame.PAYLOAD_OFFSET);
        boolean end = false;
        try
        {
            while (frame.hasRemaining())
            {
                if (!staging.hasRemaining() && !refill())
                {
                    end = true;
                    break;
                }
                final int n = Math.min(frame.remaining(), staging.remaining());
                frame.put(frame.position(), staging, staging.position(), n);
                frame.position(frame.position() + n);
                staging.position(staging.position() + n);
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
            return 1;
        }
        final int length = frame.position() - DataFrame.PAYLOAD_OFFSET;
        if (length > 0)
        {
            frame.flip().position(DataFrame.PAYLOAD_OFFSET);
            dataFrame.wrap(frame).writeHeader(FrameType.DATA, sessionId);
            dataFrame.sequence(nextSequence++);
            sealer.seal(frame, 0, DataFrame.PAYLOAD_OFFSET + length);
            pool.filled().offer(frame);
            byteCount += length;
        }
        if (end)
        {
            finalDigest = digest.digest();
            packetCount = nextSequence;
        }
        return 1;
    }

    /**
     * One large read instead of one per packet: a pipe gives up to 64 KiB a call, a file as much as asked. The
     * digest takes the stream here, a read at a time, rather than a frame at a time: every byte read goes into the
     * frames in this order, and one call per read costs less than one per frame.
     */
    private boolean refill() throws IOException
    {
        staging.clear();
        int n;
        do
        {
            n = input.read(staging);
        }
        while (n == 0);
        staging.flip();
        if (n > 0)
        {
            digest.update(staging, 0, n);
        }
        return n > 0;
    }

    @Override
    public boolean isDone()
    {
        return packetCount >= 0 || null != failure;
    }

    @Override
    public String roleName()
    {
        return "netpipe-reader";
    }

    /** @return whether the whole input has been read and sealed. */
    public boolean isEof()
    {
        return packetCount >= 0;
    }

    /** @return the number of DATA frames in the stream, or -1 before the end of input. */
    public long packetCount()
    {
        return packetCount;
    }

    /** @return the stream's length in bytes; valid once {@link #isEof()}. */
    public long byteCount()
    {
        return byteCount;
    }

    /** @return the SHA-256 of the stream; valid once {@link #isEof()}. */
    public byte[] digest()
    {
        return finalDigest;
    }

    /** @return the read failure, or {@code null}. */
    public IOException failure()
    {
        return failure;
    }
}
