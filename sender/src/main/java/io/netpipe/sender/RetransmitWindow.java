package io.netpipe.sender;

import java.nio.ByteBuffer;

import org.jctools.queues.MessagePassingQueue;

/**
 * The frames sent but not yet held by every live receiver, {@code [base, next)}, with when each was last sent and
 * a queue of sequences asked for again. Owned by the sender agent; allocation-free.
 */
final class RetransmitWindow
{
    private final ByteBuffer[] frames;
    private final long[] lastSentNs;
    private final boolean[] queued;
    private final long[] retransmitQueue;
    private final int mask;
    private int queueHead;
    private int queueSize;
    private long base;
    private long next;

    /** @param capacity frames it can hold, a power of two. */
    RetransmitWindow(final int capacity)
    {
        frames = new ByteBuffer[capacity];
        lastSentNs = new long[capacity];
        queued = new boolean[capacity];
        retransmitQueue = new long[capacity];
        mask = capacity - 1;
    }

    /** @return frames it can hold. */
    int capacity()
    {
        return frames.length;
    }

    /** @return the lowest sequence still held. */
    long base()
    {
        return base;
    }

    /** @return the next new sequence to send. */
    long next()
    {
        return next;
    }

    /**
     * Adds a frame just sent for the first time; its sequence must be {@link #next()}.
     *
     * @param frame the frame.
     * @param nowNs when it was sent.
     */
    void add(final ByteBuffer frame, final long nowNs)
    {
        final int index = (int)(next & mask);
        frames[index] = frame;
        lastSentNs[index] = nowNs;
        queued[index] = false;
        next++;
    }

    /**
     * Asks for the held sequences in {@code [start, start + length)} to be sent again, unless one was sent less
     * than {@code holdoffNs} ago (another receiver asked, or the repair is still on its way).
     *
     * @param start     first sequence.
     * @param length    sequences.
     * @param nowNs     now.
     * @param holdoffNs shortest time between two sends of one sequence.
     * @param maxCount  most sequences to queue from this request.
     * @return sequences queued.
     */
    int request(final long start, final long length, final long nowNs, final long holdoffNs, final int maxCount)
    {
        final long from = Math.max(start, base);
        final long to = Math.min(start + length, next);
        int count = 0;
        // Entries of sequences released since they were queued stay in the ring until they reach its head, so the
        // ring can fill even though the window holds fewer sequences: a request that does not fit waits for the
        // receiver's next STATUS rather than overwrite a queued entry (whose sequence would then never be resent).
        for (long seq = from; seq < to && count < maxCount && queueSize < retransmitQueue.length; seq++)
        {
            final int index = (int)(seq & mask);
            if (!queued[index] && nowNs - lastSentNs[index] >= holdoffNs)
            {
                queued[index] = true;
                retransmitQueue[(queueHead + queueSize) & mask] = seq;
                queueSize++;
                count++;
            }
        }
        return count;
    }

    /** @return the next sequence to send again, or -1 when none is queued. */
    long peekRetransmit()
    {
        while (queueSize > 0)
        {
            final long seq = retransmitQueue[queueHead];
            if (seq >= base && seq < next)
            {
                return seq;
            }
            queueHead = (queueHead + 1) & mask;
            queueSize--;
        }
        return -1;
    }

    /**
     * Takes the head of the retransmit queue after it was sent.
     *
     * @param nowNs when it was sent.
     */
    void retransmitted(final long nowNs)
    {
        final int index = (int)(retransmitQueue[queueHead] & mask);
        queued[index] = false;
        lastSentNs[index] = nowNs;
        queueHead = (queueHead + 1) & mask;
        queueSize--;
    }

    /** @return sequences waiting to be sent again. */
    int queuedCount()
    {
        return queueSize;
    }

    /**
     * @param seq a held sequence.
     * @return its frame.
     */
    ByteBuffer frame(final long seq)
    {
        return frames[(int)(seq & mask)];
    }

    /**
     * Hands back every frame below {@code upTo}: every live receiver holds them.
     *
     * @param upTo first sequence still needed.
     * @param free where the frames go for the reader to refill.
     * @return frames released.
     */
    int releaseUpTo(final long upTo, final MessagePassingQueue<ByteBuffer> free)
    {
        final long limit = Math.min(upTo, next);
        int count = 0;
        while (base < limit)
        {
            final int index = (int)(base & mask);
            if (queued[index])
            {
                queued[index] = false;
            }
            free.offer(frames[index]);
            frames[index] = null;
            base++;
            count++;
        }
        return count;
    }
}
