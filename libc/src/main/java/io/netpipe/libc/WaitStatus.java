package io.netpipe.libc;

/** Decodes a raw {@code waitpid} status the way a shell does: an exit code, or 128 plus a signal number. */
public final class WaitStatus
{
    private static final int SIGNAL_OFFSET = 128;

    private WaitStatus()
    {
    }

    /** @return the exit code for a normal exit, or 128 + the signal number for a child killed by a signal. */
    public static int exitCode(final int status)
    {
        final int signal = termSignal(status);
        return 0 == signal ? (status >> 8) & 0xff : SIGNAL_OFFSET + signal;
    }

    /** @return the signal that killed the child, or 0 if it exited normally. */
    public static int termSignal(final int status)
    {
        final int low = status & 0x7f;
        return 0 == low || 0x7f == low ? 0 : low;
    }

    /** @return e.g. {@code exit status 7} or {@code signal 15 (exit status 143)}. */
    public static String describe(final int status)
    {
        final int signal = termSignal(status);
        return 0 == signal ? "exit status " + exitCode(status) : "signal " + signal + " (exit status " + exitCode(status) + ")";
    }
}
