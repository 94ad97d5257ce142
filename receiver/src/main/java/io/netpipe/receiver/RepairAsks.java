package io.netpipe.receiver;

import java.util.Arrays;

/**
 * When each missing sequence was asked for, and how long this receiver's repairs take to come back, so that a
 * receiver that fell behind asks for a loss again only once its repair is overdue. A fixed retry was wrong for such
 * a receiver: its socket queue holds seconds of data, every repair waits behind it, and a loss asked for again
 * every few milliseconds was sent again as often, up to twenty times the stream (measured on a CPU-starved keyed
 * receiver) in repairs that only lengthened the queue.
 *
 * <p>Each repair of a sequence asked for (or announced by the sender) is timed, from the last ask or notice where a
 * retry applies and from the first ask under a retry of 0: a smoothed mean and deviation as in TCP's retransmission
 * timer (RFC 6298). While the mean stays under {@link #BEHIND_NS} the
 * receiver keeps up and the caller's floor is the retry, as before (a quicker retry there cost throughput: the
 * repair of a lost repair came later). Once repairs take longer, the retry is the mean plus four deviations, and a
 * repair after an ask again answers either ask, so it is not timed (Karn's rule). Asks repeated under a retry of 0
 * (small groups list every loss in every report) are not asks again: a receiver that falls behind there is found by
 * its first repair. Each overdue ask doubles the retry (once per retry period) until a repair is timed again, so a
 * queue that grew is found within a few doublings. One thread owns it; allocation-free.
 */
final class RepairAsks
{
    /** Longest retry: a repair later than this is lost, whatever the queue. */
    static final long MAX_RETRY_NS = 2_000_000_000L;
    /** Most doublings of the retry while no repair is timed. */
    static final int MAX_BACKOFF_SHIFT = 8;
    /** Repairs slower than this on average: the receiver fell behind, and the retry follows its repairs. */
    static final long BEHIND_NS = 100_000_000L;

    private final int capacity;
    private final long[] askedSequence;
    private final long[] askedNs;
    private final long[] firstAskedNs;
    private final boolean[] askedAgain;
    private long smoothedNs;
    private long deviationNs;
    private boolean sampled;
    private int backoffShift;
    private long lastFloorNs;
    private long backoffUntilNs = Long.MIN_VALUE;

    /** @param capacity slots, as in the receive window. */
    RepairAsks(final int capacity)
    {
        this.capacity = capacity;
        this.askedSequence = new long[capacity];
        this.askedNs = new long[capacity];
        this.firstAskedNs = new long[capacity];
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
        lastFloorNs = floorNs;
        final long retryNs = retryNs(floorNs);
        if (askedSequence[slot] == seq)
        {
            if (retryNs > 0)
            {
                askedAgain[slot] = true;
                // Overdue: the estimate was short. One doubling per retry period, however many are overdue.
                if (nowNs >= backoffUntilNs && backoffShift < MAX_BACKOFF_SHIFT)
                {
                    backoffShift++;
                    backoffUntilNs = nowNs + retryNs(floorNs);
                }
            }
        }
        else
        {
            askedSequence[slot] = seq;
            firstAskedNs[slot] = nowNs;
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
            firstAskedNs[slot] = nowNs;
        }
        else if (lastFloorNs > 0)
        {
            // With a retry the repair is timed from the notice, as the sender queued it then. Under a retry of 0 it
            // is not: the notice waits in the same queue as the repair, so timed from it a receiver behind by a
            // second would never see more than a few milliseconds.
            firstAskedNs[slot] = nowNs;
        }
        askedNs[slot] = nowNs;
    }

    /**
     * @param seq     a missing sequence.
     * @param nowNs   now.
     * @param floorNs the shortest retry the caller allows.
     * @return whether it may be asked for now: never asked, or asked at least the retry ago (a retry of 0: every
     *         report lists every loss).
     */
    boolean askable(final long seq, final long nowNs, final long floorNs)
    {
        final int slot = (int)(seq % capacity);
        return askedSequence[slot] != seq || nowNs - askedNs[slot] >= retryNs(floorNs);
    }

    /**
     * {@code seq} arrived: unless it was asked for again after a retry, the time since its first ask is a sample of
     * the repair's round trip. Not after such an ask (Karn's rule): a lost repair would add a retry to the sample,
     * the retry would grow by it, the next lost repair add more, and the estimate run away (it did: an in-memory
     * class of 64 took 27 simulated seconds instead of 18).
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
        final long sampleNs = Math.max(0, nowNs - firstAskedNs[slot]);
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
        final long estimate = sampled && smoothedNs >= BEHIND_NS ? Math.max(floorNs, smoothedNs + 4 * deviationNs) :
            floorNs;
        return Math.min(MAX_RETRY_NS, estimate << backoffShift);
    }
}
