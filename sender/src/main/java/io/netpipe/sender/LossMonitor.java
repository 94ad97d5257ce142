package io.netpipe.sender;

/**
 * Tells congestion from a lossy link, per receiver: a receiver's fraction of packets found missing in one rate
 * interval is compared with its own running baseline. A bad cable that always drops 5% raises the baseline and
 * stops counting as congestion; a jump above it (a full queue, an overflowing socket) is congestion.
 */
final class LossMonitor
{
    private static final int MIN_SAMPLE_PACKETS = 100;
    private static final double BASELINE_GAIN = 1.0 / 8;
    private static final double JUMP_FACTOR = 1.5;
    private static final double JUMP_MARGIN = 0.03;
    /** A link that loses more than this is not "normal": above 1.5 x 6% + 3% loss always means slow down. */
    private static final double MAX_BASELINE = 0.06;

    private LossMonitor()
    {
    }

    /**
     * Starts the receiver's interval counters at its first STATUS.
     *
     * @param r the receiver.
     */
    static void seen(final ReceiverState r)
    {
        if (!r.countersSeen)
        {
            r.countersSeen = true;
            r.intervalLost = r.lastLost;
            r.intervalReceived = r.lastReceived;
        }
    }

    /**
     * Ends an interval for every live receiver.
     *
     * @param roster the receivers.
     * @return whether any of them saw its loss jump.
     */
    static boolean congested(final Roster roster)
    {
        boolean congested = false;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (!r.isLive() || !r.countersSeen)
            {
                continue;
            }
            final int lost = r.lastLost - r.intervalLost;
            final int received = r.lastReceived - r.intervalReceived;
            if (lost + received < MIN_SAMPLE_PACKETS)
            {
                continue;
            }
            r.intervalLost = r.lastLost;
            r.intervalReceived = r.lastReceived;
            final double fraction = (double)lost / (lost + received);
            if (fraction > JUMP_FACTOR * r.lossBaseline + JUMP_MARGIN)
            {
                congested = true;
            }
            // Capped, or sustained overload (receivers overflowing) would be learned as the link's normal loss.
            r.lossBaseline = Math.min(MAX_BASELINE, r.lossBaseline + (fraction - r.lossBaseline) * BASELINE_GAIN);
        }
        return congested;
    }
}
