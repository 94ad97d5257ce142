package io.netpipe.sender;

/**
 * The congestion signal, in one place: tells congestion from a lossy link, per receiver. A receiver's fraction of
 * packets found missing in one rate interval is compared with its own running baseline: a bad cable that always
 * drops 5% raises the baseline and stops counting as congestion; a jump above it (a full queue, an overflowing
 * socket) is congestion. The {@link RateController} acts on the answer.
 *
 * <p>Two things keep independent random loss on many receivers from looking like congestion. A sample is judged
 * only once it holds {@link #MIN_SAMPLE_PACKETS}: at 1% loss, 100 packets show 4 or more losses 2% of the time, and
 * with 32 receivers each judged several times a second that was several false alarms a second. And one back-off
 * per round ({@link #cut}): after the rate is cut, a receiver's loss counts again only from a report of a position
 * past the sequence sent at the cut, or of more packets received than were sent before it, since its earlier
 * reports describe packets sent at the old rate; otherwise one event that every receiver reports in turn (their
 * reports are spread over the report interval) cut the rate once per receiver, and a quarter per 20 ms brought
 * 64 MB/s below 1 MB/s.
 *
 * <p>A cut is also a test: congestion loss falls when the rate does, a bad link's does not. So each receiver that
 * caused a cut is judged again on its first sample after it; if its loss stayed at {@link #UNMOVED_SHARE} of what it
 * was or more, and within what a link may lose ({@link #MAX_BASELINE}), that loss is its link's: it becomes its
 * baseline at once, and once every receiver that caused the cut proved so, the cut is undone ({@link #takeUndo}).
 * Learning the baseline a gain of an eighth at a time instead, a receiver losing 5% from the start cut the rate two
 * to four times in a row before its loss stopped counting (LossyMemberTest).
 */
final class CongestionEstimator
{
    /** Packets a sample must hold before it is judged: few enough for a quick answer at full rate. */
    static final int MIN_SAMPLE_PACKETS = 1000;
    private static final double BASELINE_GAIN = 1.0 / 8;
    private static final double JUMP_FACTOR = 1.5;
    private static final double JUMP_MARGIN = 0.03;
    /** A link that loses more than this is not "normal": above 1.5 x 6% + 3% loss always means slow down. */
    private static final double MAX_BASELINE = 0.06;
    /** Loss after a cut at least this share of the loss that caused it did not move with the rate: not congestion. */
    static final double UNMOVED_SHARE = 0.75;

    /** Growth steps a congested receiver paces ({@link #confirmed}). */
    static final int PACING_STEPS = 8;
    /** Longest a growth step waits for the receivers that pace it. */
    static final long MAX_STEP_WAIT_NS = 200_000_000L;

    private long cutSequence;
    private long grownSequence;
    private long grownNs = Long.MIN_VALUE / 2;
    private double worstLoss;
    /** Receivers that caused the latest cut and have not yet been judged after it. */
    private int suspects;
    /** Whether one of them lost less after the cut: it was congestion. */
    private boolean cutConfirmed;
    private boolean undo;

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
        // Past the cut: its position passed it, or its counters judged packets sent after it. The second matters to
        // a receiver that overflows: its repairs queue behind its backlog, so a hole keeps its position below the
        // cut long after its losses describe the new rate.
        if (t.awaitingCut && isPast(r, cutSequence))
        {
            // The first report past the cut: the sample starts here, at the new rate.
            t.awaitingCut = false;
            t.intervalLost = lost;
            t.intervalReceived = received;
        }
        seen(r);
    }

    /**
     * The rate was cut: every receiver's loss counts again only from its first report past {@code nextSequence}.
     *
     * @param roster       the receivers.
     * @param nextSequence the next new sequence the sender will send.
     */
    void cut(final Roster roster, final long nextSequence)
    {
        cutSequence = nextSequence;
        suspects = 0;
        cutConfirmed = false;
        undo = false;
        for (int i = 0; i < roster.size(); i++)
        {
            final LossTracker t = roster.get(i).loss;
            t.awaitingCut = true;
            suspects += t.cutLoss > 0 ? 1 : 0;
        }
    }

    /**
     * @return whether the latest cut proved to be no congestion (every receiver that caused it lost as much after
     *         it), once: the rate controller undoes it ({@link RateController#undoCut}).
     */
    boolean takeUndo()
    {
        final boolean result = undo;
        undo = false;
        return result;
    }

    /** @return the largest loss fraction the last {@link #congested} call judged congestion, 0 if none. */
    double worstLoss()
    {
        return worstLoss;
    }

    /**
     * The rate grew by a step at {@code nextSequence}.
     *
     * @param roster       the receivers.
     * @param nextSequence the next new sequence the sender will send.
     * @param nowNs        now.
     */
    void grown(final Roster roster, final long nextSequence, final long nowNs)
    {
        // A receiver that confirmed the last step has one step less to pace; a step taken because the wait ran out
        // does not count for one that had not.
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.loss.pacingSteps > 0 && isPast(r, grownSequence))
            {
                r.loss.pacingSteps--;
            }
        }
        grownSequence = nextSequence;
        grownNs = nowNs;
    }

    /**
     * Whether the rate may grow another step: every receiver that was congested in the last {@link #PACING_STEPS}
     * steps has reported on packets sent since the last one, or {@link #MAX_STEP_WAIT_NS} passed. Growth every 20 ms
     * regardless let the rate of a sender whose overflowing receiver reported a second late (its socket queue) grow
     * sevenfold before that receiver's losses could say it was too fast; receivers that were never congested do not
     * pace it, or a class whose reports are seconds apart by design would barely grow.
     *
     * @param roster the receivers.
     * @param nowNs  now.
     * @return whether the rate may grow.
     */
    boolean confirmed(final Roster roster, final long nowNs)
    {
        if (nowNs - grownNs >= MAX_STEP_WAIT_NS)
        {
            return true;
        }
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.isLive() && r.loss.pacingSteps > 0 && !isPast(r, grownSequence))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a receiver's latest report describes packets sent from {@code sequence} on: its position passed it, or
     * its counters judged a sequence past it (lost plus received is the point its reports listed losses through,
     * {@code StatusFrame#received}), which a receiver with holes waiting for repair reaches long before its position.
     */
    private static boolean isPast(final ReceiverState r, final long sequence)
    {
        return r.contiguous >= sequence ||
            Integer.toUnsignedLong(r.loss.lastLost) + Integer.toUnsignedLong(r.loss.lastReceived) > sequence;
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
        worstLoss = 0;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            final LossTracker t = r.loss;
            if (!r.isLive() || !t.countersSeen || t.awaitingCut)
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
            if (t.cutLoss > 0)
            {
                judgeCut(t, fraction);
            }
            if (fraction > JUMP_FACTOR * t.baseline + JUMP_MARGIN)
            {
                congested = true;
                worstLoss = Math.max(worstLoss, fraction);
                t.pacingSteps = PACING_STEPS;
                t.cutLoss = fraction;
            }
            // Capped, or sustained overload (receivers overflowing) would be learned as the link's normal loss.
            t.baseline = Math.min(MAX_BASELINE, t.baseline + (fraction - t.baseline) * BASELINE_GAIN);
        }
        return congested;
    }

    /**
     * The first sample of a receiver that caused the latest cut: loss that did not fall with the rate is the link's.
     *
     * @param t        its tracker.
     * @param fraction its loss since the cut.
     */
    private void judgeCut(final LossTracker t, final double fraction)
    {
        if (fraction >= UNMOVED_SHARE * t.cutLoss && fraction <= MAX_BASELINE)
        {
            t.baseline = Math.max(t.baseline, fraction);
            t.pacingSteps = 0;
        }
        else
        {
            cutConfirmed = true;
        }
        t.cutLoss = 0;
        if (suspects > 0 && --suspects == 0 && !cutConfirmed)
        {
            undo = true;
        }
    }

    /**
     * How many receivers a typical loss is shared by, from their running baselines: the sum over the largest, so
     * 1 when one receiver does all the losing and N when N lose alike. The repair policy asks this to choose between
     * parity and retransmission ({@link ParityDemand#lossSpread}).
     *
     * @param roster the receivers.
     * @return the spread, or NaN while no live receiver has a baseline above zero.
     */
    double lossSpread(final Roster roster)
    {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.isLive())
            {
                sum += r.loss.baseline;
                max = Math.max(max, r.loss.baseline);
            }
        }
        return max > 0 ? sum / max : Double.NaN;
    }
}
