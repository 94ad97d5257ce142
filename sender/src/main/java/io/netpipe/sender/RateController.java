package io.netpipe.sender;

/**
 * Paces the sender with a token bucket and adapts the rate to the losses receivers report, instead of
 * blasting and repairing. Starts moderately, grows quickly until the first congestion, then slowly, a step at a
 * time that receivers congested lately must confirm; backs off by a quarter when a receiver's loss jumps above what
 * it usually sees (random loss on a bad link is not congestion and does not slow everyone down). Never exceeds the
 * user's cap.
 */
final class RateController
{
    /** How often the rate is reconsidered. */
    static final long INTERVAL_NS = 20_000_000L;
    private static final double INITIAL_BYTES_PER_SEC = 64e6;
    private static final double MIN_BYTES_PER_SEC = 256e3;
    private static final double SLOW_START_GROWTH = 1.25;
    private static final double STEADY_GROWTH = 1.04;
    private static final double BACKOFF = 0.75;
    /** The deepest cut in one step: to a tenth. */
    private static final double MAX_CUT = 0.9;
    private static final double BURST_SECONDS = 0.0005;
    private static final double MIN_BURST_BYTES = 32 * 1500;
    private static final double MAX_BURST_BYTES = 256 << 10;

    private final double capBytesPerSec;
    private double rateBytesPerSec;
    private double tokens;
    private long lastRefillNs;
    private boolean slowStart = true;
    private double rateBeforeCut;
    private boolean slowStartBeforeCut;
    private long intervalStartNs;
    private long intervalBytes;

    /**
     * @param capBytesPerSec the user's cap, 0 for none.
     * @param nowNs          now.
     */
    RateController(final long capBytesPerSec, final long nowNs)
    {
        this.capBytesPerSec = capBytesPerSec > 0 ? capBytesPerSec : Double.MAX_VALUE;
        this.rateBytesPerSec = Math.min(INITIAL_BYTES_PER_SEC, this.capBytesPerSec);
        this.lastRefillNs = nowNs;
        this.intervalStartNs = nowNs;
        this.tokens = burstBytes();
    }

    /** @return the current rate in bytes per second. */
    double rateBytesPerSec()
    {
        return rateBytesPerSec;
    }

    private double burstBytes()
    {
        return Math.min(MAX_BURST_BYTES, Math.max(MIN_BURST_BYTES, rateBytesPerSec * BURST_SECONDS));
    }

    /**
     * Takes tokens for one datagram if the bucket has them.
     *
     * @param bytes the datagram's length.
     * @param nowNs now.
     * @return whether it may be sent now.
     */
    boolean tryAcquire(final int bytes, final long nowNs)
    {
        // Refilled on every call: time spent with a full bucket must not be credited again at the next refill.
        // The bucket holds at least one datagram, or one larger than the burst could never be sent.
        tokens = Math.min(Math.max(burstBytes(), bytes), tokens + (nowNs - lastRefillNs) * rateBytesPerSec * 1e-9);
        lastRefillNs = nowNs;
        if (tokens < bytes)
        {
            return false;
        }
        tokens -= bytes;
        intervalBytes += bytes;
        return true;
    }

    /**
     * @param nowNs now.
     * @return whether an interval has passed and {@link #endInterval} is due.
     */
    boolean isIntervalDue(final long nowNs)
    {
        return nowNs - intervalStartNs >= INTERVAL_NS;
    }

    /**
     * The latest cut was no congestion ({@link CongestionEstimator#takeUndo}): back to the rate before it, or the
     * rate reached since if higher, and to slow start if it was in it.
     */
    void undoCut()
    {
        rateBytesPerSec = Math.min(capBytesPerSec, Math.max(rateBytesPerSec, rateBeforeCut));
        slowStart |= slowStartBeforeCut;
    }

    /**
     * Adapts the rate at the end of an interval.
     *
     * @param nowNs     now.
     * @param congested whether a receiver's loss jumped during the interval.
     * @param blocked   whether the sender had nothing it was allowed to send (flow control or no input), in which
     *                  case the measured rate says nothing about the network.
     * @param confirmed whether the receivers that pace the growth (those congested lately) have reported on packets
     *                  sent since the last step, or the wait for them ran out ({@link CongestionEstimator#confirmed}):
     *                  only then may it grow again.
     */
    void endInterval(final long nowNs, final boolean congested, final boolean blocked, final boolean confirmed)
    {
        endInterval(nowNs, congested, blocked, confirmed, 0);
    }

    /**
     * Adapts the rate at the end of an interval, backing off in proportion to the loss when it is heavy.
     *
     * @param nowNs     now.
     * @param congested whether a receiver's loss jumped during the interval.
     * @param blocked   as in {@link #endInterval(long, boolean, boolean, boolean)}.
     * @param confirmed as in {@link #endInterval(long, boolean, boolean, boolean)}.
     * @param loss      the largest loss fraction that was judged congestion: a receiver that loses 60% of what is
     *                  sent takes 40% of it, and cutting by a quarter a round at a time took seconds to get there.
     */
    void endInterval(final long nowNs, final boolean congested, final boolean blocked, final boolean confirmed,
        final double loss)
    {
        final double actual = intervalBytes * 1e9 / Math.max(1, nowNs - intervalStartNs);
        if (congested)
        {
            rateBeforeCut = rateBytesPerSec;
            slowStartBeforeCut = slowStart;
            slowStart = false;
            // A blocked interval sent less than the network took, so its measured rate is no basis to back off from.
            final double base = blocked ? rateBytesPerSec : Math.min(rateBytesPerSec, actual);
            rateBytesPerSec = Math.max(MIN_BYTES_PER_SEC, base * Math.min(BACKOFF, 1 - Math.min(loss, MAX_CUT)));
        }
        else if (confirmed)
        {
            final double grown = rateBytesPerSec * (slowStart ? SLOW_START_GROWTH : STEADY_GROWTH);
            // Growing far past what was actually sent only delays the next back-off from taking effect; while
            // blocked (flow control, slow input) the rate is held rather than shrunk or grown without limit.
            final double ceiling = blocked ? Math.max(rateBytesPerSec, 2 * actual) : Math.max(2 * actual, INITIAL_BYTES_PER_SEC);
            rateBytesPerSec = Math.max(Math.min(grown, ceiling), MIN_BYTES_PER_SEC);
        }
        rateBytesPerSec = Math.min(rateBytesPerSec, capBytesPerSec);
        intervalStartNs = nowNs;
        intervalBytes = 0;
    }
}
