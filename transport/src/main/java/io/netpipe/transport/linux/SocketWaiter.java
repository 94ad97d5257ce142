package io.netpipe.transport.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

import io.netpipe.libc.Libc;
import io.netpipe.libc.Poll;
import io.netpipe.libc.PosixException;

/** Waits on one socket with {@code poll(2)} over pollfd sets laid out once, so a wait allocates nothing. */
final class SocketWaiter
{
    /** A wait for room in the send buffer is cut into slices this long, so a closed socket is noticed. */
    private static final int WRITABLE_SLICE_MS = 100;

    private final MemorySegment readable;
    private final MemorySegment writable;
    private final MemorySegment errno;

    SocketWaiter(final int fd, final Arena arena)
    {
        readable = arena.allocate(Poll.POLLFD_BYTES, 8);
        writable = arena.allocate(Poll.POLLFD_BYTES, 8);
        Poll.watch(readable, 0, fd, Poll.POLLIN);
        Poll.watch(writable, 0, fd, Poll.POLLOUT);
        errno = Libc.errnoState(arena);
    }

    /**
     * Blocks until the socket is readable or the time is up. Waits under a millisecond (poll's unit) park
     * instead, as the NIO transport does.
     */
    void awaitReadable(final long timeoutNs) throws PosixException
    {
        if (timeoutNs >= 1_000_000L)
        {
            Poll.poll(errno, readable, 1, (int)Math.min(Integer.MAX_VALUE, timeoutNs / 1_000_000L));
        }
        else if (timeoutNs > 0)
        {
            LockSupport.parkNanos(timeoutNs);
        }
    }

    /**
     * Blocks until the send buffer has room, or a slice passed: the caller retries its send either way, and a
     * send that fails again with {@code EAGAIN} comes back here.
     */
    void awaitWritable() throws PosixException
    {
        Poll.poll(errno, writable, 1, WRITABLE_SLICE_MS);
    }

    /**
     * Backs off after {@code ENOBUFS} (a queue below the socket is full): the socket itself polls writable, so
     * waiting on it would spin.
     */
    void backOff()
    {
        LockSupport.parkNanos(1_000_000L);
    }
}
