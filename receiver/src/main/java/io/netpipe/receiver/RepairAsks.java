package io.netpipe.receiver;

import java.util.Arrays;

/**
 * When each missing sequence was asked for, and how long this receiver's repairs take to come back, so that a loss
 * is asked for again only once its repair is overdue. A fixed retry was wrong for a receiver that falls behind: its
 * socket queue holds seconds of data, every repair waits behind it, and a loss asked for again every few milliseconds
 * was sent again as often, up to twenty times the stream (measured on a CPU-starved keyed receiver) in repairs that
 * only lengthened the queue.
 *
 * <p>The estimate is TCP's retransmission timer (RFC 6298) over the time from an ask to the repair's arrival: a
 * smoothed mean plus four deviations, never below the caller's floor. As in Karn's algorithm, only a sequence asked
 * once gives a sample (a repair after two asks answers either), and each ask again doubles the retry until a
 * sample comes in: a queue that grew past the retry is found within a few doublings. One thread owns it;
 * allocation-free.
 */
final class RepairAsks
{
    /** Longest retry: a repair later than this is lost, whatever the queue. */
    static final long MAX_RETRY_NS = 2_000_000_000L;
    /** Most doublings of the retry while no sample comes in. */
    static final int MAX_BACKOFF_SHIFT = 8;

    private final int capacity;
    private final long[] askedSequence;
    private final long[] askedNs;
    private final boolean[] askedAgain;
    private long smoothedNs;
    private long deviationNs;
    private boolean sampled;
    private int backoffShift;
    private long backoffUntilNs = Long.MIN_VALUE;

    /** @param capacity slots, as in the receive window. */
    RepairAsks(final int capacity)
    {
        this.capacity = capacity;
        this.askedSequence = new long[capacity];
        this.askedNs = new long[capacity];
        this.askedAgain = new boolean[capacity];
        Arrays.fill(askedSequence, -1L);
    }

    /**
     * This receiver asks for {@code seq} now.
     *
     * @param seq     a missing sequence.
     * @param nowNs   now.
     * @param floorNs the shortest retry the caller allows.
     */
    void asked(final long seq, final long nowNs, final long floorNs)
    {
        final int slot = (int)(seq % capacity);
        if (askedSequence[slot] == seq)
        {
            askedAgain[slot] = true;
            // Overdue: the estimate was short. One doubling per retry period, however many sequences are overdue.
            if (floorNs > 0 && nowNs >= backoffUntilNs && backoffShift < MAX_BACKOFF_SHIFT)
            {
                backoffShift++;
                backoffUntilNs = nowNs + retryNs(floorNs);
            }
        }
        else
        {
            askedSequence[slot] = seq;
            askedAgain[slot] = false;
        }
        askedNs[slot] = nowNs;
    }

    /**
     * The sender announced that it queued {@code seq} for repair: the repair is on its way, so the retry starts
     * again from now, and this is not an ask of this receiver's.
     *
     * @param seq   a missing sequence.
     * @param nowNs now.
     */
    void noticed(final long seq, final long nowNs)
    {
        final int slot = (int)(seq % capacity);
        if (askedSequence[slot] != seq)
        {
            askedSequence[slot] = seq;
            askedAgain[slot] = false;
        }
        askedNs[slot] = nowNs;
    }

    /**
     * @param seq     a missing sequence.
     * @param nowNs   now.
     * @param floorNs the shortest retry the caller allows.
     * @return whether it may be asked for now: never asked, asked longer than the retry ago, or a floor of 0 (every
     *         report lists every loss).
     */
    boolean askable(final long seq, final long nowNs, final long floorNs)
    {
        final int slot = (int)(seq % capacity);
        return floorNs <= 0 || askedSequence[slot] != seq || nowNs - askedNs[slot] >= retryNs(floorNs);
    }

    /**
     * {@code seq} arrived: if it was asked for once, the time since is a sample of the repair's round trip.
     *
     * @param seq   the sequence.
     * @param nowNs now.
     */
    void arrived(final long seq, final long nowNs)
    {
        final int slot = (int)(seq % capacity);
        if (askedSequence[slot] != seq)
        {
            return;
        }
        askedSequence[slot] = -1L;
        if (askedAgain[slot])
        {
            return;
        }
        final long sampleNs = Math.max(0, nowNs - askedNs[slot]);
        if (!sampled)
        {
            sampled = true;
            smoothedNs = sampleNs;
            deviationNs = sampleNs / 2;
        }
        else
        {
            deviationNs += (Math.abs(smoothedNs - sampleNs) - deviationNs) / 4;
            smoothedNs += (sampleNs - smoothedNs) / 8;
        }
        backoffShift = 0;
    }

    /**
     * @param floorNs the shortest retry the caller allows.
     * @return how long an ask stands before the same loss is asked again.
     */
    long retryNs(final long floorNs)
    {
        final long estimate = sampled ? Math.max(floorNs, smoothedNs + 4 * deviationNs) : floorNs;
        return Math.min(MAX_RETRY_NS, Math.max(1, estimate) << backoffShift);
    }
}
