package io.netpipe.forward;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts pairs that moved no bytes for the idle timeout. One thread for the whole relay scans the open pairs a few
 * times per timeout, rather than a timer per read: the copy loops only store a timestamp.
 */
final class IdleReaper implements Runnable
{
    private static final long MIN_TICK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_TICK_NS = TimeUnit.SECONDS.toNanos(1);

    private final Iterable<Connection> open;
    private final long idleTimeoutNs;
    private final long tickNs;
    private volatile boolean running = true;

    IdleReaper(final Iterable<Connection> open, final long idleTimeoutNs)
    {
        this.open = open;
        this.idleTimeoutNs = idleTimeoutNs;
        // A pair is cut between 1 and 1.25 idle timeouts after its last byte.
        this.tickNs = Math.clamp(idleTimeoutNs / 4, MIN_TICK_NS, MAX_TICK_NS);
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
        for (final Connection connection : open)
        {
            if (nowNs - connection.lastActivityNs() >= idleTimeoutNs)
            {
                connection.abort("idle timeout");
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
