package io.netpipe.agent;

import java.util.concurrent.locks.LockSupport;

/**
 * Backs off when an agent finds nothing to do: a few spins, a few yields, then parks that grow from
 * {@code minParkNs} to {@code maxParkNs}. Any work resets it.
 */
public final class IdleStrategy
{
    private static final int SPINS = 20;
    private static final int YIELDS = 10;

    private final int spins;
    private final int yields;
    private final long minParkNs;
    private final long maxParkNs;
    private int idleCount;
    private long parkNs;

    /**
     * @param minParkNs first park.
     * @param maxParkNs longest park.
     */
    public IdleStrategy(final long minParkNs, final long maxParkNs)
    {
        this(SPINS, YIELDS, minParkNs, maxParkNs);
    }

    /**
     * @param spins     busy spins before the first yield.
     * @param yields    yields before the first park: none for an agent that another thread wakes (see
     *     {@link AgentRunner#wake()}), since on a host whose cores are shared each yield is a context switch.
     * @param minParkNs first park.
     * @param maxParkNs longest park.
     */
    public IdleStrategy(final int spins, final int yields, final long minParkNs, final long maxParkNs)
    {
        this.spins = spins;
        this.yields = yields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.parkNs = minParkNs;
    }

    /** @param workCount what the last {@code doWork()} returned. */
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idleCount = 0;
            parkNs = minParkNs;
            return;
        }
        idleCount++;
        if (idleCount <= spins)
        {
            Thread.onSpinWait();
        }
        else if (idleCount <= spins + yields)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(parkNs);
            parkNs = Math.min(maxParkNs, parkNs << 1);
        }
    }
}
