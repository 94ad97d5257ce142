package io.netpipe.cli;

/**
 * A failure the user can act on: one sentence and the exit code that classifies it. Thrown by the subcommands
 * and turned into one line on stderr by {@link ExceptionHandler}, never a stack trace.
 */
public final class NetpipeException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}.
     * @param message  one sentence, without a trailing period, saying what went wrong and with what.
     */
    public NetpipeException(final int exitCode, final String message)
    {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @return the process exit code, one of {@link ExitCodes}. */
    public int exitCode()
    {
        return exitCode;
    }
}
