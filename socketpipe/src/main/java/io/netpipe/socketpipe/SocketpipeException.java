package io.netpipe.socketpipe;

/**
 * A failure of socketpipe mode the user can act on: one sentence, and what kind of failure it is so the command
 * line can pick an exit code. {@link Kind#STATUS} carries an exit status to pass through unchanged, e.g. 127 for
 * a command not found or the status of a login command that ended before the remote side connected.
 */
public final class SocketpipeException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** What went wrong, for the exit code. */
    public enum Kind
    {
        /** Bad arguments. */
        USAGE,
        /** A socket or a command could not be set up, or the peers could not pair. */
        IO,
        /** The remote side did not connect back in time. */
        TIMEOUT,
        /** Exit with {@link #status()}. */
        STATUS
    }

    private final Kind kind;
    private final int status;

    /**
     * @param kind    the kind of failure; not {@link Kind#STATUS}.
     * @param message one sentence without a trailing period.
     */
    public SocketpipeException(final Kind kind, final String message)
    {
        super(message, null, false, false);
        this.kind = kind;
        this.status = -1;
    }

    /**
     * @param status  the exit status to pass through, 1 to 255.
     * @param message one sentence without a trailing period, or null when the failure has been reported already
     *                (e.g. by the remote host) and only the status is left to pass on.
     */
    public SocketpipeException(final int status, final String message)
    {
        super(message, null, false, false);
        this.kind = Kind.STATUS;
        this.status = status;
    }

    /** @return the kind of failure. */
    public Kind kind()
    {
        return kind;
    }

    /** @return the exit status to pass through when {@link #kind()} is {@link Kind#STATUS}, else -1. */
    public int status()
    {
        return status;
    }

    static SocketpipeException usage(final String message)
    {
        return new SocketpipeException(Kind.USAGE, message);
    }

    static SocketpipeException io(final String message)
    {
        return new SocketpipeException(Kind.IO, message);
    }
}
