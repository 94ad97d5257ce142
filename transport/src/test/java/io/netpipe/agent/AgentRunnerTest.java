package io.netpipe.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AgentRunnerTest
{
    private static final long MINUTE_NS = TimeUnit.MINUTES.toNanos(1);

    /** An agent with work only when another thread gives it some. */
    private static final class Waiting implements Agent
    {
        final AtomicBoolean given = new AtomicBoolean();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int doWork()
        {
            calls.incrementAndGet();
            if (given.getAndSet(false))
            {
                done.incrementAndGet();
                return 1;
            }
            return 0;
        }

        @Override
        public boolean isDone()
        {
            return false;
        }

        @Override
        public String roleName()
        {
            return "waiting";
        }
    }

    @Test
    void shouldStartWorkAtOnceWhenWokenFromALongPark() throws Exception
    {
        final Waiting agent = new Waiting();
        try (AgentRunner runner = new AgentRunner(agent, new IdleStrategy(0, 0, MINUTE_NS, MINUTE_NS)).start())
        {
            // Once it found nothing to do, it parks for a minute (no spins, no yields), or has already begun to.
            awaitTrue(() -> agent.calls.get() > 0);
            agent.given.set(true);
            runner.wake();

            assertTrue(awaitTrue(() -> agent.done.get() == 1), "the work waited for the park to end");
        }
    }

    @Test
    void shouldCloseAtOnceWhileTheAgentParksLong() throws Exception
    {
        final Waiting agent = new Waiting();
        final AgentRunner runner = new AgentRunner(agent, new IdleStrategy(0, 0, MINUTE_NS, MINUTE_NS)).start();
        awaitTrue(() -> agent.calls.get() > 0);

        runner.close();

        assertTrue(runner.isStopped(), "close left the agent parked");
    }

    private static boolean awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
