package io.netpipe.forward;

import java.util.concurrent.TimeUnit;

/**
 * Failed accepts grouped into episodes. Out of file descriptors, every accept fails until some pair closes; the
 * connection stays in the listen backlog meanwhile (Linux takes it off only once the new descriptor exists). So
 * the first failure of an episode is reported at once, the rest are only counted, the wait before the next try
 * doubles up to a second, and the first accept that works again ends the episode with one report of the count.
 * Single-threaded: only the acceptor's thread uses it.
 */
final class AcceptFailures
{
    /** First wait after a failed accept: long enough to let a closing pair free its descriptors. */
    static final long FIRST_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Longest wait: a client in the backlog waits at most this long after descriptors are free again. */
    static final long MAX_BACKOFF_NS = TimeUnit.SECONDS.toNanos(1);

    private final RelayListener listener;
    private long failures;
    private long firstFailureNs;
    private long backoffNs;
    private String reason;

    AcceptFailures(final RelayListener listener)
    {
        this.listener = listener;
    }

    /**
     * @param why   the failure, in a few lower-case words.
     * @param nowNs the current time.
     * @return how long to wait before the next accept.
     */
    long failed(final String why, final long nowNs)
    {
        if (0 == failures)
        {
            firstFailureNs = nowNs;
            reason = why;
            backoffNs = FIRST_BACKOFF_NS;
            listener.acceptFailed(why);
        }
        else
        {
            backoffNs = Math.min(MAX_BACKOFF_NS, 2 * backoffNs);
        }
        failures++;
        return backoffNs;
    }

    /**
     * An accept worked: ends an episode, if one is running.
     *
     * @param nowNs the current time.
     */
    void succeeded(final long nowNs)
    {
        if (failures > 0)
        {
            listener.acceptRecovered(reason, failures, nowNs - firstFailureNs);
            failures = 0;
        }
    }
}
