package io.netpipe.socketpipe;

import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketIo;
import io.netpipe.libc.Sockets;

/**
 * Reads and drops what the remote command writes when no -o command reads it. socketpipe 1.10 leaves that data
 * unread: once the socket buffers fill, the remote command blocks in its write and the run never ends. Dropping it
 * is what {@code >/dev/null} would do on the remote host. One platform thread: the read blocks in native code.
 */
final class Discard implements AutoCloseable
{
    private static final int SHUT_RD = 0;
    /** Per read: the kernel drops it without copying, so a large bound costs nothing and saves calls. */
    private static final long READ_BYTES = 1 << 20;

    private final int fd;
    private final Thread reader;

    private Discard(final int fd)
    {
        this.fd = fd;
        this.reader = Thread.ofPlatform().daemon().name("socketpipe-discard").unstarted(this::drain);
    }

    /** @return a discard reading {@code fd} until end of file, until an error, or until {@link #close()}. */
    static Discard start(final int fd)
    {
        final Discard discard = new Discard(fd);
        discard.reader.start();
        return discard;
    }

    private void drain()
    {
        try
        {
            // In the kernel (MSG_TRUNC): nothing reaches this process, which may run without a JIT (bin/netpipe).
            while (SocketIo.discard(fd, READ_BYTES) > 0)
            {
                // Dropped: nobody asked for the remote command's output.
            }
        }
        catch (final PosixException ex)
        {
            // A reset or a shut-down socket: nothing more to drop.
        }
    }

    /**
     * Stops reading (a shutdown wakes the blocked read, which then sees end of file) and waits for the thread, so
     * the caller may close the descriptor without the thread reading a number that was reused since.
     */
    @Override
    public void close() throws InterruptedException
    {
        try
        {
            Sockets.shutdown(fd, SHUT_RD);
        }
        catch (final PosixException ex)
        {
            // Not connected any more: the read has ended or is about to.
        }
        reader.join();
    }
}
