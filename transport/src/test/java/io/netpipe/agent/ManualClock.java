package io.netpipe.agent;

/** A clock that moves only when the test says so. */
public final class ManualClock implements NanoClock
{
    private long nowNs;

    public ManualClock(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    public void advanceNs(final long ns)
    {
        nowNs += ns;
    }

    public void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }
}
