package io.netpipe.agent;

/**
 * An agent's thread ended with an exception it did not handle (a bug, or a failure nobody expected there). The
 * command that ran it ends with it, naming the thread and the cause in one line, rather than going on without it.
 */
public final class AgentFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param role  the agent's role name (its thread's name).
     * @param cause what ended it.
     */
    public AgentFailedException(final String role, final Throwable cause)
    {
        super("the " + role + " thread failed: " + cause + where(cause), cause);
    }

    private static String where(final Throwable cause)
    {
        final StackTraceElement[] trace = cause.getStackTrace();
        return trace.length > 0 ? " at " + trace[0] : "";
    }
}
