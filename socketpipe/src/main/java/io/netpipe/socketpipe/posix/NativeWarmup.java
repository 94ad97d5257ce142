package io.netpipe.socketpipe.posix;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Links the C library calls of socketpipe mode on a background thread while the main thread parses the command
 * line and opens its socket. Linking a downcall handle spins classes at run time, a few milliseconds for each
 * distinct signature even from the AOT cache, and both of socketpipe's processes (the local side and the server
 * instance) are on the user's clock from their first instruction: on two cores the work overlaps instead of
 * adding up. A class the main thread reaches first is simply linked there; class initialisation is thread-safe.
 */
public final class NativeWarmup
{
    /** In the order the processes need them after their socket: spawning, then waiting and pairing. */
    private static final List<Class<?>> CLASSES =
        List.of(Spawn.class, Processes.class, EventFd.class, Poll.class, SocketIo.class);

    private NativeWarmup()
    {
    }

    /** Starts linking on a daemon thread and returns at once. */
    public static void start()
    {
        Thread.ofPlatform().daemon().name("native-warmup").start(NativeWarmup::link);
    }

    private static void link()
    {
        final MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (final Class<?> type : CLASSES)
        {
            try
            {
                lookup.ensureInitialized(type);
            }
            catch (final IllegalAccessException | LinkageError ex)
            {
                // The main thread meets the same failure when it needs the class, and reports it there.
                return;
            }
        }
    }
}
