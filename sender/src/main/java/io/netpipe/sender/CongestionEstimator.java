package io.netpipe.sender;

/**
 * The congestion signal, in one place: tells congestion from a lossy link, per receiver. A receiver's fraction of
 * packets found missing in one rate interval is compared with its own running baseline: a bad cable that always
 * drops 5% raises the baseline and stops counting as congestion; a jump above it (a full queue, an overflowing
 * socket) is congestion. The {@link RateController} acts on the answer.
 */
final class CongestionEstimator
{
    private static final int MIN_SAMPLE_PACKETS = 100;
    private static final double BASELINE_GAIN = 1.0 / 8;
    private static final double JUMP_FACTOR = 1.5;
    private static final double JUMP_MARGIN = 0.03;
    /** A link that loses more than this is not "normal": above 1.5 x 6% + 3% loss always means slow down. */
    private static final double MAX_BASELINE = 0.06;

    /**
     * Takes a receiver's cumulative counters from its latest STATUS; the first one starts its interval.
     *
     * @param r        the receiver.
     * @param lost     packets it found missing so far (wraps).
     * @param received packets it received so far (wraps).
     */
    void onStatus(final ReceiverState r, final int lost, final int received)
    {
        final LossTracker t = r.loss;
        t.lastLost = lost;
        t.lastReceived = received;
        seen(r);
    }

    /**
     * Starts the receiver's interval at the counters it has now, if it has not started.
     *
     * @param r the receiver.
     */
    void seen(final ReceiverState r)
    {
        final LossTracker t = r.loss;
        if (!t.countersSeen)
        {
            t.countersSeen = true;
            t.intervalLost = t.lastLost;
            t.intervalReceived = t.lastReceived;
        }
    }

    /**
     * Ends an interval for every live receiver.
     *
     * @param roster the receivers.
     * @return whether any of them saw its loss jump.
     */
    boolean congested(final Roster roster)
    {
        boolean congested = false;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            final LossTracker t = r.loss;
            if (!r.isLive() || !t.countersSeen)
            {
                continue;
            }
            final int lost = t.lastLost - t.intervalLost;
            final int received = t.lastReceived - t.intervalReceived;
            if (lost + received < MIN_SAMPLE_PACKETS)
            {
                continue;
            }
            t.intervalLost = t.lastLost;
            t.intervalReceived = t.lastReceived;
            final double fraction = (double)lost / (lost + received);
            if (fraction > JUMP_FACTOR * t.baseline + JUMP_MARGIN)
            {
                congested = true;
            }
            // Capped, or sustained overload (receivers overflowing) would be learned as the link's normal loss.
            t.baseline = Math.min(MAX_BASELINE, t.baseline + (fraction - t.baseline) * BASELINE_GAIN);
        }
        return congested;
    }
}
