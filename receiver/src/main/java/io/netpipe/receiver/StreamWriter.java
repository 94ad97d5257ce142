package io.netpipe.receiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

import io.netpipe.agent.Agent;
import io.netpipe.agent.NanoClock;
import io.netpipe.libc.Sha256;

/**
 * Writes the reassembled stream in order, in large writes straight from the ring the network thread fills, and
 * hashes it on the way. Runs on its own thread so a slow disk or pipe never stalls the network thread, which
 * keeps reporting (and so stays alive to the sender) while the window fills. The network thread publishes how
 * many bytes are ready; this thread publishes how many it has written, freeing ring space.
 */
public final class StreamWriter implements Agent
{
    private static final int MAX_WRITE_BYTES = 1 << 20;
    /**
     * Bytes worth a write of their own. Datagrams complete the stream a packet at a time, and a write (and a
     * wake-up of this thread) per packet costs more CPU than the data: on a machine the receivers share, that is
     * throughput. A smaller tail waits {@link #MAX_HOLD_NS} once this thread sees it, which is when its own park
     * ends (the network thread wakes it only for a write of its own, {@link #wakeWanted()}): a slow stream flows.
     */
    private static final int MIN_WRITE_BYTES = 64 << 10;
    private static final long MAX_HOLD_NS = 2_000_000L;

    private final WritableByteChannel output;
    private final NanoClock clock;
    private final Sha256 digest = Sha256.newDigest();
    private volatile ByteBuffer ring;
    private volatile long availableBytes;
    private volatile long writtenBytes;
    private volatile long finalBytes = -1;
    private volatile IOException failure;
    private volatile Boolean digestMatched;
    private volatile String digestHex = "";
    private volatile boolean stopped;
    private byte[] expectedDigest;
    private ByteBuffer view;
    private ByteBuffer viewSource;
    /** Whether the network thread published the end or a stop since it last woke this writer; its own field. */
    private boolean endPublished;
    /** The bytes available when the network thread last woke this writer; its own field. */
    private long availableAtWake;
    /** When bytes too few for a write of their own were first seen waiting, or -1. */
    private long holdingSinceNs = -1;

    /** @param output where the stream goes. */
    public StreamWriter(final WritableByteChannel output)
    {
        this(output, NanoClock.SYSTEM);
    }

    /**
     * @param output where the stream goes.
     * @param clock  times how long a small tail may wait for more.
     */
    public StreamWriter(final WritableByteChannel output, final NanoClock clock)
    {
        this.output = output;
        this.clock = clock;
    }

    /**
     * Hands over the ring, once, when the receiver joins a session.
     *
     * @param ring the reassembly ring; stream byte {@code n} is at index {@code n % capacity}.
     */
    void ring(final ByteBuffer ring)
    {
        this.ring = ring;
    }

    /** @return whether a session's ring was handed over: before, the writer has nothing to do. */
    boolean hasRing()
    {
        return null != ring;
    }

    /** @param bytes stream bytes now ready in the ring, in order. */
    void publishAvailable(final long bytes)
    {
        availableBytes = bytes;
    }

    /**
     * Announces the end: after {@code bytes} the writer compares the digest.
     *
     * @param bytes    the stream's length.
     * @param expected the sender's SHA-256.
     */
    void publishEnd(final long bytes, final byte[] expected)
    {
        expectedDigest = expected.clone();
        finalBytes = bytes;
        endPublished = true;
    }

    /** Stops writing: the session ended without a verified stream. */
    void stop()
    {
        stopped = true;
        endPublished = true;
    }

    /**
     * For the network thread, once a duty cycle: whether this writer, parked, should be woken. Only for a write of
     * its own ({@link #MIN_WRITE_BYTES} more than at the last wake), the end, the stream's last bytes or a stop: waking it for every few
     * datagrams cost a slow stream's receiver more CPU than the data (a writer of a 1 MB/s stream woke 345 times a
     * second), and a smaller tail is written when the writer's own park ends.
     *
     * @return whether to wake the writer now.
     */
    boolean wakeWanted()
    {
        final ByteBuffer ring = this.ring;
        final long available = availableBytes;
        final boolean wanted = endPublished || null != ring && available != availableAtWake
            && (available - availableAtWake >= Math.min(MIN_WRITE_BYTES, ring.capacity() / 4) || available == finalBytes);
        if (wanted)
        {
            endPublished = false;
            availableAtWake = available;
        }
        return wanted;
    }

    /** @return stream bytes written to the output. */
    public long writtenBytes()
    {
        return writtenBytes;
    }

    /** @return the write failure, or {@code null}. */
    public IOException failure()
    {
        return failure;
    }

    /** @return the SHA-256 of everything written, in hex, once the whole stream was; empty before. */
    public String digestHex()
    {
        return digestHex;
    }

    /** @return {@code null} until the end was written, then whether the digest matched. */
    public Boolean digestMatched()
    {
        return digestMatched;
    }

    @Override
    public int doWork()
    {
        final ByteBuffer ring = this.ring;
        if (null == ring || isDone())
        {
            return 0;
        }
        if (viewSource != ring)
        {
            view = ring.duplicate();
            viewSource = ring;
        }
        final long written = writtenBytes;
        final long available = availableBytes;
        try
        {
            if (available > written)
            {
                if (holdsBack(ring, written, available))
                {
                    return 0;
                }
                holdingSinceNs = -1;
                final int position = (int)(written % ring.capacity());
                final int length = (int)Math.min(Math.min(available - written, ring.capacity() - position), MAX_WRITE_BYTES);
                digest.update(ring, position, length);
                view.limit(position + length).position(position);
                while (view.hasRemaining())
                {
                    output.write(view);
                }
                writtenBytes = written + length;
                return 1;
            }
            if (finalBytes >= 0 && written == finalBytes)
            {
                final byte[] computed = digest.digest();
                // Published before the verdict: whoever sees the verdict sees the digest.
                digestHex = java.util.HexFormat.of().formatHex(computed);
                final boolean matched = Arrays.equals(computed, expectedDigest);
                if (matched && output instanceof FinishingOutput finishing)
                {
                    // A failure here is the output's verdict and leaves the digest unjudged: the end is a failure.
                    finishing.finish();
                }
                digestMatched = matched;
                return 1;
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
            return 1;
        }
        return 0;
    }

    /**
     * @return whether to wait for more before writing: fewer than {@link #MIN_WRITE_BYTES} (or a quarter of the
     *     ring) ready, short of the ring's end and of the stream's, and for less than {@link #MAX_HOLD_NS}.
     */
    private boolean holdsBack(final ByteBuffer ring, final long written, final long available)
    {
        final long ready = available - written;
        final long toRingEnd = ring.capacity() - written % ring.capacity();
        final boolean atStreamEnd = finalBytes >= 0 && available == finalBytes;
        if (ready >= Math.min(MIN_WRITE_BYTES, ring.capacity() / 4) || ready >= toRingEnd || atStreamEnd)
        {
            return false;
        }
        final long nowNs = clock.nanoTime();
        if (holdingSinceNs < 0)
        {
            holdingSinceNs = nowNs;
        }
        return nowNs - holdingSinceNs < MAX_HOLD_NS;
    }

    @Override
    public boolean isDone()
    {
        return stopped || null != failure || null != digestMatched;
    }

    @Override
    public String roleName()
    {
        return "netpipe-writer";
    }
}
