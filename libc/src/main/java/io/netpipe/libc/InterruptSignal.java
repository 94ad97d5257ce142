package io.netpipe.libc;

import java.lang.foreign.MemorySegment;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Makes SIGINT stop the JVM the way SIGTERM does (shutdown hooks, exit status 130) even when it was inherited
 * ignored. POSIX shells start a background command ({@code cmd &}) of a non-interactive script with SIGINT and
 * SIGQUIT ignored, and the JVM leaves an ignored SIGINT ignored, so {@code kill -INT} does nothing.
 *
 * <p>The JVM still registers its Java-side shutdown handler for SIGINT when the signal is ignored; only its native
 * handler is missing. The JVM's native handler for SIGTERM is the same generic function for every such signal (it
 * hands the signal number to the JVM's signal thread), so copying SIGTERM's {@code sigaction} onto SIGINT makes
 * SIGINT run that Java handler. No Java code runs in signal context.
 */
public final class InterruptSignal
{
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    // struct sigaction is 152 bytes with glibc on x86-64 and aarch64; it is copied as a whole, never parsed but
    // for its first field, the handler.
    private static final long SIGACTION_BYTES = 256;

    private static final CFunction SIGACTION = Libc.function("sigaction");

    private InterruptSignal()
    {
    }

    /**
     * If SIGINT is ignored and SIGTERM has the JVM's handler, gives SIGINT that handler.
     *
     * @return whether SIGINT was ignored and now stops the JVM like SIGTERM.
     * @throws PosixException when {@code sigaction} fails (it does not for valid signal numbers).
     */
    public static boolean handleEvenIfIgnored() throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment interrupt = arena.allocate(SIGACTION_BYTES, 8);
            final MemorySegment terminate = arena.allocate(SIGACTION_BYTES, 8);
            check("sigaction", state, (int)SIGACTION.call(state, (long)SIGINT, 0L, Libc.address(interrupt)));
            check("sigaction", state, (int)SIGACTION.call(state, (long)SIGTERM, 0L, Libc.address(terminate)));
            final long terminateHandler = terminate.get(JAVA_LONG, 0);
            if (SIG_IGN != interrupt.get(JAVA_LONG, 0) || SIG_DFL == terminateHandler || SIG_IGN == terminateHandler)
            {
                // SIGINT already does something (the usual case), or the JVM has no SIGTERM handler (-Xrs).
                return false;
            }
            check("sigaction", state, (int)SIGACTION.call(state, (long)SIGINT, Libc.address(terminate), 0L));
            return true;
        });
    }
}
