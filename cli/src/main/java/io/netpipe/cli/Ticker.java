package io.netpipe.cli;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs a task a few times a second on a thread of its own until closed: the live progress line is drawn here,
 * from the agents' published snapshots, so a slow terminal never stalls a protocol agent.
 */
final class Ticker implements AutoCloseable
{
    private final Thread thread;
    private final long periodNs;
    private final Runnable task;
    private volatile boolean running = true;

    /**
     * @param name     the thread's name.
     * @param periodMs milliseconds between runs.
     * @param task     what to run; its exceptions end the ticker, never the command.
     */
    Ticker(final String name, final long periodMs, final Runnable task)
    {
        this.periodNs = periodMs * 1_000_000L;
        this.task = task;
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    private void run()
    {
        while (running)
        {
            LockSupport.parkNanos(periodNs);
            if (running)
            {
                task.run();
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
