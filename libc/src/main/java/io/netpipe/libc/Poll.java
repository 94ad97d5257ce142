package io.netpipe.libc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Waits for descriptors to become readable with {@code poll(2)}. Native calls ignore {@link Thread#interrupt},
 * so a wait that must end early polls a second descriptor (an {@link EventFd}) that another thread signals.
 */
public final class Poll
{
    /** {@code timeoutMs} for no time limit. */
    public static final int FOREVER = -1;

    /** {@code sizeof(struct pollfd)}: fd int | events short | revents short. */
    public static final int POLLFD_BYTES = 8;
    /** Readable. */
    public static final short POLLIN = 1;
    /** Writable. */
    public static final short POLLOUT = 4;

    private static final int EVENTS_OFFSET = 4;
    private static final int REVENTS_OFFSET = 6;

    private static final CFunction POLL = Libc.function("poll");

    private Poll()
    {
    }

    /**
     * Fills in one {@code struct pollfd} of a caller-owned set, for {@link #poll}.
     *
     * @param set    room for {@code index + 1} entries.
     * @param events {@link #POLLIN}, {@link #POLLOUT} or both.
     */
    public static void watch(final MemorySegment set, final int index, final int fd, final short events)
    {
        set.set(JAVA_INT, (long)POLLFD_BYTES * index, fd);
        set.set(JAVA_SHORT, (long)POLLFD_BYTES * index + EVENTS_OFFSET, events);
    }

    /**
     * {@code poll(2)} over a set laid out with {@link #watch}, allocating nothing: for a loop that waits often.
     *
     * @param errnoState from {@link Libc#errnoState}.
     * @return descriptors ready, 0 after the timeout or a signal.
     * @throws PosixException if {@code poll} fails for another reason than a signal.
     */
    public static int poll(final MemorySegment errnoState, final MemorySegment set, final int count, final int timeoutMs)
        throws PosixException
    {
        final int n;
        try
        {
            n = (int)(long)Looping.POLL.invokeExact(errnoState, Libc.address(set), (long)count, (long)timeoutMs);
        }
        catch (final Throwable t)
        {
            throw Libc.rethrow(t);
        }
        if (n < 0 && Errno.EINTR == Libc.errno(errnoState))
        {
            return 0;
        }
        return check("poll", errnoState, n);
    }

    /**
     * Waits until one of the descriptors is readable, hung up or in error, or the time is up.
     *
     * @param timeoutMs the longest wait, or {@link #FOREVER}.
     * @param fds       up to 31 descriptors.
     * @return a bit mask: bit {@code i} is set when {@code fds[i]} is ready; 0 after the timeout or a signal.
     * @throws PosixException if {@code poll} fails for another reason than a signal.
     */
    public static int await(final int timeoutMs, final int... fds) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment set = arena.allocate((long)POLLFD_BYTES * fds.length);
            for (int i = 0; i < fds.length; i++)
            {
                set.set(JAVA_INT, (long)POLLFD_BYTES * i, fds[i]);
                set.set(JAVA_SHORT, (long)POLLFD_BYTES * i + EVENTS_OFFSET, POLLIN);
            }
            final int n = (int)POLL.call(state, Libc.address(set), (long)fds.length, (long)timeoutMs);
            if (n < 0 && Errno.EINTR == Libc.errno(state))
            {
                return 0;
            }
            check("poll", state, n);
            int ready = 0;
            for (int i = 0; i < fds.length; i++)
            {
                if (0 != set.get(JAVA_SHORT, (long)POLLFD_BYTES * i + REVENTS_OFFSET))
                {
                    ready |= 1 << i;
                }
            }
            return ready;
        });
    }

    /** {@link #poll}'s handle of its own (see {@link Libc#withErrno}), linked only by a process that loops on it. */
    private static final class Looping
    {
        static final MethodHandle POLL = Libc.withErrno("poll", 3);
    }
}
