package io.netpipe.forward;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A few platform threads lent to directions that turned out to carry bulk data. A virtual thread blocked in
 * {@code read} is woken through the JDK's poller and the carrier pool, about twice the context switches of a
 * platform thread woken by the kernel directly; on a 1 GiB stream that doubled the relay's CPU time. Idle and
 * chatty pairs stay on virtual threads, so the number of platform threads stays bounded whatever the number of
 * connections.
 */
final class BulkThreads
{
    private static final long STACK_BYTES = 256 * 1024;

    private final Semaphore slots;
    private final ExecutorService executor = Executors.newCachedThreadPool(
        Thread.ofPlatform().name("forward-bulk-", 0).daemon().stackSize(STACK_BYTES).factory());
    private final AtomicLong promotions = new AtomicLong();

    /** @param maxThreads at most this many directions run on platform threads at once; 0 disables promotion. */
    BulkThreads(final int maxThreads)
    {
        this.slots = new Semaphore(maxThreads);
    }

    /**
     * Runs the task on a platform thread if one is free.
     *
     * @param task the rest of a copy loop.
     * @return whether the task was taken; if not, the caller keeps running it.
     */
    boolean tryRun(final Runnable task)
    {
        if (!slots.tryAcquire())
        {
            return false;
        }
        try
        {
            executor.execute(() ->
            {
                try
                {
                    task.run();
                }
                finally
                {
                    slots.release();
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            // Shutting down: the caller finishes the copy on its own thread.
            slots.release();
            return false;
        }
        promotions.incrementAndGet();
        return true;
    }

    long promotions()
    {
        return promotions.get();
    }

    void shutdown()
    {
        executor.shutdown();
    }
}
