package io.netpipe.forward;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts pairs that moved no bytes for the idle timeout, and abandoned pairs: the client has sent EOF and the
 * backend has sent nothing for the half-close timeout (a client that gave up on a backend that never answers).
 * One thread for the whole relay scans the open pairs a few times per timeout, rather than a timer per read: the
 * copy loops only store timestamps. A pair idle by those timestamps but blocked writing to a slow reader is kept
 * as long as the kernel's send queue changes from one timeout to the next ({@link SendQueues}); a pair stuck in
 * a write (a client that stopped reading) is cut one timeout later than an idle one.
 */
final class IdleReaper implements Runnable
{
    private static final long MIN_TICK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_TICK_NS = TimeUnit.SECONDS.toNanos(1);

    private final Iterable<Connection> open;
    private final long idleTimeoutNs;
    private final long halfCloseTimeoutNs;
    private final long tickNs;
    private volatile boolean running = true;

    /**
     * @param open               the relay's open pairs.
     * @param idleTimeoutNs      0: no idle timeout.
     * @param halfCloseTimeoutNs 0: no half-close timeout.
     */
    IdleReaper(final Iterable<Connection> open, final long idleTimeoutNs, final long halfCloseTimeoutNs)
    {
        this.open = open;
        this.idleTimeoutNs = idleTimeoutNs;
        this.halfCloseTimeoutNs = halfCloseTimeoutNs;
        final long shortestNs = 0 == idleTimeoutNs ? halfCloseTimeoutNs
            : 0 == halfCloseTimeoutNs ? idleTimeoutNs : Math.min(idleTimeoutNs, halfCloseTimeoutNs);
        // A pass every quarter timeout: a pair is cut at most a quarter timeout late.
        this.tickNs = Math.clamp(shortestNs / 4, MIN_TICK_NS, MAX_TICK_NS);
    }

    /** @return whether either timeout is set, so that the relay needs a reaper at all. */
    static boolean needed(final RelayConfig config)
    {
        return config.idleTimeoutNs() > 0 || config.halfCloseTimeoutNs() > 0;
    }

    @Override
    public void run()
    {
        while (running)
        {
            LockSupport.parkNanos(this, tickNs);
            reap(System.nanoTime());
        }
    }

    /**
     * @param nowNs the current {@link System#nanoTime()}.
     * @return how many pairs were cut.
     */
    int reap(final long nowNs)
    {
        int cut = 0;
        final SendQueues queues = new SendQueues();
        for (final Connection connection : open)
        {
            if (idleTimeoutNs > 0 && nowNs - connection.lastActivityNs() >= idleTimeoutNs &&
                !connection.sendQueueDrained(queues, nowNs))
            {
                connection.abort("idle timeout");
                cut++;
            }
            else if (halfCloseTimeoutNs > 0 && connection.clientHasEnded() &&
                nowNs - connection.lastToClientNs() >= halfCloseTimeoutNs)
            {
                connection.abort("half-close timeout");
                cut++;
            }
        }
        return cut;
    }

    void stop(final Thread thread)
    {
        running = false;
        LockSupport.unpark(thread);
    }
}
