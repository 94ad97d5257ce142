package io.netpipe.forward;

import java.io.IOException;
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
    private final Runnable continuation = this::continueOnBulkThread;
    // Used by whichever single thread runs the loop; the hand-over to a bulk thread orders the accesses.
    private ByteBuffer buffer;
    private long bytes;
    private long nextPromotionAtBytes = PROMOTE_AFTER_BYTES;
    private volatile long reportedBytes;

    Direction(final Connection connection, final SocketChannel src, final SocketChannel dst, final boolean toBackend)
    {
        this.connection = connection;
        this.src = src;
        this.dst = dst;
        this.srcName = toBackend ? "client" : "backend";
        this.dstName = toBackend ? "backend" : "client";
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
        catch (final RuntimeException | OutOfMemoryError ex)
        {
            // A bug, or direct memory exhausted by very many pairs: cut this pair, never leave it open forever.
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
                halfClose();
                return true;
            }
            connection.touch();
            buffer.flip();
            try
            {
                while (buffer.hasRemaining())
                {
                    dst.write(buffer);
                }
            }
            catch (final IOException ex)
            {
                connection.fail(dstName, ex);
                return true;
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

    /** @return the bytes copied, once the direction has ended. */
    long bytes()
    {
        return reportedBytes;
    }
}
