package io.netpipe.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One direction of a pair: reads from one socket and writes everything to the other until EOF, which it passes on
 * as {@code shutdownOutput}. Starts on a virtual thread with a small buffer; once it has moved
 * {@link #PROMOTE_AFTER_BYTES} it asks {@link BulkThreads} for a platform thread and, if one is free, continues
 * there with a large buffer. Buffers come from the relay's pools; the loop allocates nothing.
 */
final class Direction implements Runnable
{
    /** Bytes after which a direction counts as bulk: more than most interactive exchanges, a blink for a stream. */
    static final long PROMOTE_AFTER_BYTES = 256 * 1024;

    private final Connection connection;
    private final SocketChannel src;
    private final SocketChannel dst;
    private final String srcName;
    private final String dstName;
    private final boolean towardsBackend;
    private final Runnable continuation = this::continueOnBulkThread;
    // Used by whichever single thread runs the loop; the hand-over to a bulk thread orders the accesses.
    private ByteBuffer buffer;
    private long bytes;
    private long nextPromotionAtBytes = PROMOTE_AFTER_BYTES;
    private volatile long reportedBytes;
    private volatile boolean writing;
    // The reaper's own: the send queue it saw at its last look (see drained()).
    private long seenQueuedBytes = -1;

    Direction(final Connection connection, final SocketChannel src, final SocketChannel dst, final boolean toBackend)
    {
        this.connection = connection;
        this.src = src;
        this.dst = dst;
        this.srcName = toBackend ? "client" : "backend";
        this.dstName = toBackend ? "backend" : "client";
        this.towardsBackend = toBackend;
    }

    @Override
    public void run()
    {
        runLoop(false);
    }

    private void continueOnBulkThread()
    {
        runLoop(true);
    }

    private void runLoop(final boolean onBulkThread)
    {
        boolean ended = true;
        try
        {
            if (onBulkThread)
            {
                connection.relay().release(buffer);
                buffer = null;
                buffer = connection.relay().acquireBulkBuffer();
            }
            else
            {
                buffer = connection.relay().acquireSmallBuffer();
            }
            ended = copy();
        }
        catch (final RuntimeException | OutOfMemoryError | LinkageError ex)
        {
            // A bug, direct memory exhausted by very many pairs, or a JDK class that failed to initialize (out of
            // descriptors): cut this pair, never leave it open forever, and print no stack trace.
            connection.abort("internal error: " + ex);
        }
        finally
        {
            if (ended)
            {
                if (null != buffer)
                {
                    connection.relay().release(buffer);
                    buffer = null;
                }
                reportedBytes = bytes;
                connection.directionEnded();
            }
        }
    }

    /** @return true when the direction has ended, false when it was handed to a bulk thread. */
    private boolean copy()
    {
        while (true)
        {
            if (bytes >= nextPromotionAtBytes && Thread.currentThread().isVirtual())
            {
                if (connection.relay().bulkThreads().tryRun(continuation))
                {
                    return false;
                }
                // No free platform thread: ask again after as many bytes again.
                nextPromotionAtBytes = bytes + PROMOTE_AFTER_BYTES;
            }
            buffer.clear();
            final int n;
            try
            {
                n = src.read(buffer);
            }
            catch (final IOException ex)
            {
                connection.fail(srcName, ex);
                return true;
            }
            if (n < 0)
            {
                if (towardsBackend)
                {
                    connection.clientEnded();
                }
                halfClose();
                return true;
            }
            connection.progressed(towardsBackend);
            buffer.flip();
            writing = true;
            try
            {
                while (buffer.hasRemaining())
                {
                    // A slow reader takes a large buffer in many partial writes: each one is progress.
                    if (dst.write(buffer) > 0)
                    {
                        connection.progressed(towardsBackend);
                    }
                }
            }
            catch (final IOException ex)
            {
                connection.fail(dstName, ex);
                return true;
            }
            finally
            {
                writing = false;
            }
            bytes += n;
        }
    }

    private void halfClose()
    {
        try
        {
            dst.shutdownOutput();
        }
        catch (final IOException ex)
        {
            connection.fail(dstName, ex);
        }
    }

    /**
     * For the reaper, when the pair looks idle: whether the destination's send queue is not what it was at the
     * last look, which means the peer acknowledged data while this direction waited in a write. The first look
     * at a queue counts as movement, so a pair stuck in a write is cut one idle timeout later than an idle one.
     *
     * @param queues this pass's view of the kernel's send queues.
     * @return whether the direction is writing and its queue moved, or was seen for the first time.
     */
    boolean drained(final SendQueues queues)
    {
        if (!writing)
        {
            return false;
        }
        final long queued;
        try
        {
            queued = queues.queued((InetSocketAddress)dst.getLocalAddress(), (InetSocketAddress)dst.getRemoteAddress());
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
        final boolean moved = queued >= 0 && queued != seenQueuedBytes;
        seenQueuedBytes = queued;
        return moved;
    }

    /** @return the bytes copied, once the direction has ended. */
    long bytes()
    {
        return reportedBytes;
    }
}
