package io.netpipe.cli;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * While open, SIGINT or SIGTERM asks the running session to abort and gives it up to a second to tell the other
 * side (a BYE from the sender, a FAILED status from a receiver) before the JVM exits.
 */
final class AbortOnSignal implements AutoCloseable
{
    private static final long GRACE_NS = 1_000_000_000L;

    private final Thread hook;

    /**
     * @param abort asks the session to end, from any thread.
     * @param done  whether it has ended.
     */
    AbortOnSignal(final Runnable abort, final BooleanSupplier done)
    {
        hook = new Thread(() -> {
            abort.run();
            final long deadlineNs = System.nanoTime() + GRACE_NS;
            while (!done.getAsBoolean() && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(1_000_000L);
            }
        }, "netpipe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // Already shutting down: the hook is running and finishes the job.
        }
    }
}
