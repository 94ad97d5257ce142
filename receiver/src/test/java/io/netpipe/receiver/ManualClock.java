package io.netpipe.receiver;

import io.netpipe.agent.NanoClock;

/** A clock that moves only when the test says so. */
final class ManualClock implements NanoClock
{
    private long nowNs;

    ManualClock(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    void advanceNs(final long ns)
    {
        nowNs += ns;
    }

    void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }
}
