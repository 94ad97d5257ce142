package io.netpipe.agent;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs an agent on its own platform thread until it is done, fails, or is closed.
 * Platform threads, because agents block in native calls that would pin a virtual thread.
 */
public final class AgentRunner implements AutoCloseable
{
    private final Agent agent;
    private final IdleStrategy idle;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param agent the agent.
     * @param idle  its idle strategy.
     */
    public AgentRunner(final Agent agent, final IdleStrategy idle)
    {
        this.agent = agent;
        this.idle = idle;
        this.thread = Thread.ofPlatform().name(agent.roleName()).daemon(true).unstarted(this::run);
    }

    /** @return this, started. */
    public AgentRunner start()
    {
        thread.start();
        return this;
    }

    private void run()
    {
        try
        {
            while (running && !agent.isDone())
            {
                idle.idle(agent.doWork());
            }
        }
        catch (final Throwable t)
        {
            failure = t;
        }
    }

    /**
     * Ends the agent's current park, or its next one if it is not parked: for the thread that just gave it work,
     * so that an agent whose work comes from another thread can park long when idle and still start at once.
     */
    public void wake()
    {
        LockSupport.unpark(thread);
    }

    /** @return what stopped the agent abnormally, or {@code null}. */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * Checks the agent's thread from another thread, cheaply enough to call every duty cycle.
     *
     * @throws AgentFailedException when the agent's thread ended with an exception.
     */
    public void checkFailure()
    {
        final Throwable t = failure;
        if (null != t)
        {
            throw new AgentFailedException(agent.roleName(), t);
        }
    }

    /** @return whether the thread has ended. */
    public boolean isStopped()
    {
        return !thread.isAlive();
    }

    /**
     * Waits for the thread to end.
     *
     * @param timeoutMs most milliseconds to wait.
     * @return whether it ended.
     * @throws InterruptedException when interrupted.
     */
    public boolean join(final long timeoutMs) throws InterruptedException
    {
        return thread.join(java.time.Duration.ofMillis(timeoutMs));
    }

    /** Asks the agent to stop, ending its park, and waits briefly for it. */
    @Override
    public void close()
    {
        running = false;
        wake();
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
