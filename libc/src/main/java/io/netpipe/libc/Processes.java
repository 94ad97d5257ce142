package io.netpipe.libc;

import java.lang.foreign.MemorySegment;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Waiting for and signalling one's own children, by pid. Never {@code wait()} or {@code waitpid(-1)}: the JDK
 * reaps the children it started itself, and a wildcard wait would steal their statuses.
 */
public final class Processes
{
    /** Terminate politely. */
    public static final int SIGTERM = 15;
    /** Terminate now. */
    public static final int SIGKILL = 9;

    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    /** {@code sizeof(siginfo_t)}. */
    private static final int SIGINFO_BYTES = 128;

    private static final CFunction WAITID = Libc.function("waitid");
    private static final CFunction WAITPID = Libc.function("waitpid");
    private static final CFunction KILL = Libc.function("kill");

    private Processes()
    {
    }

    /**
     * Blocks until the child has terminated, without reaping it: its pid stays reserved (a zombie) until
     * {@link #reap}, so a concurrent {@link #signal} can never reach an unrelated process that reused the pid.
     *
     * @throws PosixException if {@code pid} is not a child of this process.
     */
    public static void awaitExit(final int pid) throws PosixException
    {
        Libc.call((arena, state) ->
        {
            final MemorySegment info = arena.allocate(SIGINFO_BYTES);
            while (true)
            {
                final int r = (int)WAITID.call(state, (long)P_PID, (long)pid, Libc.address(info), (long)(WEXITED | WNOWAIT));
                if (r >= 0 || Errno.EINTR != Libc.errno(state))
                {
                    return check("waitid", state, r);
                }
            }
        });
    }

    /**
     * Reaps a child, blocking until it terminates.
     *
     * @return its raw wait status, to decode with {@link WaitStatus}.
     * @throws PosixException if {@code pid} is not a child of this process.
     */
    public static int reap(final int pid) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment status = arena.allocate(JAVA_INT);
            while (true)
            {
                final int r = (int)WAITPID.call(state, (long)pid, Libc.address(status), 0L);
                if (r >= 0 || Errno.EINTR != Libc.errno(state))
                {
                    check("waitpid", state, r);
                    return status.get(JAVA_INT, 0);
                }
            }
        });
    }

    /**
     * Sends a signal; a child that has already exited (but is not reaped yet) ignores it harmlessly.
     *
     * @throws PosixException e.g. no such process.
     */
    public static void signal(final int pid, final int signal) throws PosixException
    {
        Libc.call((arena, state) -> check("kill", state, (int)KILL.call(state, (long)pid, (long)signal)));
    }
}
