package io.netpipe.libc;


import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A Linux {@code eventfd}: a descriptor another thread makes readable with {@link #signal()}, so a thread
 * blocked in {@link Poll#await} wakes up (blocking native calls do not notice {@link Thread#interrupt}).
 */
public final class EventFd implements AutoCloseable
{
    private static final int EFD_CLOEXEC = 0x80000;

    private static final CFunction EVENTFD = Libc.function("eventfd");
    private static final CFunction WRITE = Libc.function("write");

    private final int fd;

    private EventFd(final int fd)
    {
        this.fd = fd;
    }

    /** @return a new, unsignalled eventfd, close-on-exec. */
    public static EventFd create() throws PosixException
    {
        return new EventFd(Libc.call((arena, state) ->
            check("eventfd", state, (int)EVENTFD.call(state, 0L, (long)EFD_CLOEXEC))));
    }

    /** @return the descriptor to poll; it stays readable once signalled. */
    public int fd()
    {
        return fd;
    }

    /** Makes the descriptor readable; safe from any thread. */
    public void signal()
    {
        try
        {
            Libc.call((arena, state) -> WRITE.call(state, (long)fd, Libc.address(arena.allocateFrom(JAVA_LONG, 1L)), 8L));
        }
        catch (final PosixException ignore)
        {
            // Only a closed descriptor fails here: then nobody is waiting any more.
        }
    }

    @Override
    public void close()
    {
        Sockets.closeQuietly(fd);
    }
}
