package io.netpipe.receiver;

import java.util.Arrays;
import java.util.function.LongToIntFunction;

import io.netpipe.protocol.StatusFrame;

/**
 * A receiver's view of which sequences it holds, inside a window of {@code capacity} slots that starts at the
 * writer's position. Slot {@code seq % capacity} belongs to {@code seq}; a slot remembers which sequence it
 * holds, so nothing needs clearing when the writer moves on. It also remembers when each missing sequence was last
 * asked for, by this receiver's report or by the sender's repair notice, so a loss is asked for once and again
 * only after a repair's round trip. One thread owns it; allocation-free.
 */
public final class ReceiveWindow
{
    /** {@link #slotFor} result: already held or already written. */
    public static final int DUPLICATE = -1;
    /** {@link #slotFor} result: beyond what the window can hold now. */
    public static final int BEYOND_WINDOW = -2;

    private final int capacity;
    private final long[] slotSequence;
    private final RepairAsks asks;
    private long contiguous;
    private long highest;
    private long lostCount;
    private long reportedThrough;
    private long receivedCount;
    private boolean newLoss;
    private final ParityCover cover = new ParityCover();

    /** @param capacity slots in the window. */
    public ReceiveWindow(final int capacity)
    {
        this.capacity = capacity;
        this.slotSequence = new long[capacity];
        Arrays.fill(slotSequence, -1L);
        this.asks = new RepairAsks(capacity);
    }

    /** @param credit how many of a block's missing sequences the parity held covers: a report lists the rest. */
    void parityCredit(final LongToIntFunction credit)
    {
        cover.credit(credit);
    }

    /** @return slots in the window. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the first sequence not held: every sequence below it has arrived. */
    public long contiguous()
    {
        return contiguous;
    }

    /** @return one past the highest sequence seen. */
    public long highest()
    {
        return highest;
    }

    /**
     * @return packets reported missing by {@link #writeMissing}, each counted once. A gap that fills before the next
     * report was reordering, not loss, and is not counted: the sender reads jumps in this count as congestion.
     */
    public long lostCount()
    {
        return lostCount;
    }

    /** @return new packets received, cumulative. */
    public long receivedCount()
    {
        return receivedCount;
    }

    /**
     * @return packets received among those judged: below {@link #contiguous()} or the point reports have listed
     *         losses through ({@link #reportedThrough()}), every sequence is either counted in {@link #lostCount()}
     *         (once) or here, so the sender's loss fraction between two reports covers the same sequences on both
     *         sides (the STATUS received count). Repairs are not counted again.
     */
    public long judgedReceived()
    {
        return Math.max(reportedThrough, contiguous) - lostCount;
    }

    /**
     * @param writerPosition the first sequence the writer has not yet released.
     * @return one past the highest sequence the window can take now.
     */
    public long windowEnd(final long writerPosition)
    {
        return writerPosition + capacity;
    }

    /**
     * Finds where a newly arrived sequence goes; the caller copies the payload there, then calls {@link #mark}.
     *
     * @param sequence       the arrived sequence.
     * @param writerPosition the first sequence the writer has not yet released.
     * @return the slot index, {@link #DUPLICATE} or {@link #BEYOND_WINDOW}.
     */
    public int slotFor(final long sequence, final long writerPosition)
    {
        if (sequence < contiguous)
        {
            return DUPLICATE;
        }
        if (sequence >= writerPosition + capacity || sequence < 0)
        {
            return BEYOND_WINDOW;
        }
        final int slot = (int)(sequence % capacity);
        return slotSequence[slot] == sequence ? DUPLICATE : slot;
    }

    /**
     * Records that {@code sequence} is now held in its slot.
     *
     * @param sequence a sequence for which {@link #slotFor} returned a slot.
     * @param nowNs    when it arrived (a repair's arrival times the round trip of repairs).
     * @return how far {@link #contiguous()} advanced.
     */
    public long mark(final long sequence, final long nowNs)
    {
        slotSequence[(int)(sequence % capacity)] = sequence;
        asks.arrived(sequence, nowNs);
        receivedCount++;
        if (sequence >= highest)
        {
            newLoss |= sequence > highest;
            highest = sequence + 1;
        }
        final long before = contiguous;
        while (contiguous < highest && slotSequence[(int)(contiguous % capacity)] == contiguous)
        {
            contiguous++;
        }
        return contiguous - before;
    }

    /**
     * Extends the known end of the stream without data, e.g. from a heartbeat or EOF, so a lost tail counts.
     *
     * @param nextSequence every sequence below this has been sent.
     */
    public void sentUpTo(final long nextSequence)
    {
        if (nextSequence > highest)
        {
            newLoss = true;
            highest = nextSequence;
        }
    }

    /**
     * @param sequence a sequence.
     * @return whether it is held (between contiguous and highest) or already behind contiguous.
     */
    public boolean isHeld(final long sequence)
    {
        return sequence < contiguous || slotSequence[(int)(sequence % capacity)] == sequence;
    }

    /**
     * @return whether a gap opened since the last call (a sequence skipped, or the sender's end ran past what
     * arrived): a loss to ask for soon.
     */
    public boolean takeNewLoss()
    {
        final boolean seen = newLoss;
        newLoss = false;
        return seen;
    }

    /** @return one past the highest sequence any report has looked at: losses below it were seen before. */
    public long reportedThrough()
    {
        return reportedThrough;
    }

    /**
     * The sender announced that it queued these sequences for repair: missing ones count as asked for now.
     *
     * @param start  first sequence.
     * @param length sequences.
     * @param nowNs  now.
     */
    public void repairNoticed(final long start, final long length, final long nowNs)
    {
        final long from = Math.max(start, contiguous);
        final long to = Math.min(start + length, highest);
        for (long seq = from; seq < to; seq++)
        {
            if (!isHeld(seq))
            {
                asks.noticed(seq, nowNs);
            }
        }
    }

    /**
     * @param floorNs the shortest retry the feedback schedule allows.
     * @return how long a loss asked for stands before it is asked again: learned from this receiver's repairs
     *         ({@link RepairAsks}).
     */
    public long retryNs(final long floorNs)
    {
        return asks.retryNs(floorNs);
    }

    /**
     * Writes every missing range between {@link #contiguous()} and {@code limit} into a STATUS frame.
     *
     * @param status    the frame, already written with {@link StatusFrame#write}.
     * @param maxRanges most ranges to write.
     * @param limit     stop before this sequence (usually {@link #highest()}).
     * @return ranges written.
     */
    public int writeMissing(final StatusFrame status, final int maxRanges, final long limit)
    {
        return writeMissing(status, maxRanges, limit, 0, 0);
    }

    /**
     * Writes the missing ranges between {@link #contiguous()} and {@code limit} that were not asked for within the
     * retry ({@link #retryNs}; by an earlier report or the sender's repair notice) into a STATUS frame, marks them
     * asked, and counts every missing sequence seen for the first time as lost.
     *
     * @param status    the frame, already written with {@link StatusFrame#write}.
     * @param maxRanges most ranges to write.
     * @param limit     stop before this sequence (usually {@link #highest()}).
     * @param nowNs     now.
     * @param floorNs   the retry while this receiver keeps up; 0: every missing range, asked or not, until its
     *                  repairs come late ({@link RepairAsks}).
     * @return ranges written.
     */
    public int writeMissing(final StatusFrame status, final int maxRanges, final long limit, final long nowNs,
        final long floorNs)
    {
        int count = 0;
        long seq = contiguous;
        final long end = Math.min(limit, highest);
        cover.reset();
        while (seq < end && count < maxRanges)
        {
            if (isHeld(seq))
            {
                seq++;
                continue;
            }
            if (seq >= reportedThrough)
            {
                lostCount++;
            }
            if (!asks.askable(seq, nowNs, floorNs) || cover.covered(seq))
            {
                seq++;
                continue;
            }
            final long start = seq;
            while (seq < end && !isHeld(seq) && asks.askable(seq, nowNs, floorNs) &&
                seq - start < StatusFrame.MAX_RANGE_PACKETS && (seq == start || !cover.covered(seq)))
            {
                if (seq > start && seq >= reportedThrough)
                {
                    lostCount++;
                }
                asks.asked(seq, nowNs, floorNs);
                seq++;
            }
            status.range(count++, start, (int)(seq - start));
        }
        reportedThrough = Math.max(reportedThrough, seq);
        return count;
    }
}
