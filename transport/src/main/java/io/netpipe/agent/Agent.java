package io.netpipe.agent;

/** A unit of work run repeatedly by one thread. */
public interface Agent
{
    /**
     * Does a bounded amount of work.
     *
     * @return how much was done; 0 lets the idle strategy back off.
     * @throws Exception to stop the agent; {@link AgentRunner} records it.
     */
    int doWork() throws Exception;

    /** @return whether the agent has finished and its thread may end. */
    boolean isDone();

    /** @return the thread name, after the agent's role. */
    String roleName();
}
