package io.netpipe.sender;

import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.fec.CauchyCode;

/**
 * Which parity packets to send for which block. A receiver asks for as many of a block's sequences as it still
 * needs; the reports of several receivers about one block within {@link RetransmitPolicy#HOLDOFF_NS} (one round
 * trip) ask for the maximum of their needs, not the sum, since one parity packet repairs a different loss at each
 * receiver. Every parity packet of a block gets a fresh index, up to {@link CauchyCode#MAX_PARITY}; a block whose
 * indexes are used up, or that asks for more than a decode recovers, falls back to retransmission. Owned by the
 * sender agent; allocation-free.
 *
 * <p>Parity pays only where losses are spread: one parity packet replaces a retransmission to each receiver that
 * lost a different packet of the block, but where one receiver does all the losing (a bad cable, 5% on one of the
 * class) it replaces exactly one retransmission, and costs an encode on the sender (a pass over the block) and a
 * decode on that receiver. So in an adaptive session ({@code send --fec auto}, the default) repairs are
 * retransmissions while the receivers' loss {@link #lossSpread spread} is below {@link #MIN_SPREAD} ({@link #pays()}
 * is false); {@code --fec on} sends parity whenever it can serve.
 */
final class ParityDemand
{
    private static final int K = ParityFrame.BLOCK_PACKETS;
    /** Parity packets waiting to be sent (beyond that a need is dropped: the receiver asks again). */
    static final int QUEUE = 4096;

    private final int blockSlots;
    private final long[] slotBlock;
    private final int[] nextIndex;
    private final long[] roundStartNs;
    private final int[] roundCount;
    /** Per block slot: parity packets queued and not yet sent (or dropped). */
    private final int[] pending;
    private final long[] queueBlock = new long[QUEUE];
    private final int[] queueIndex = new int[QUEUE];
    private int queueHead;
    private int queueSize;
    private final boolean adaptive;
    private boolean pays = true;

    /**
     * The fewest receivers a typical loss must be shared by for parity to pay. At 4 receivers with 1% loss each a
     * block needs about 2.4 parity packets against 5.1 retransmissions, 2% of the stream saved, and in the lab
     * (4 receivers on 2 cores, 128 MiB) that cost more than it saved: 7.3-7.6 s against 6.2-6.4 s with
     * retransmission only, and 0.4-0.6 CPU s more per receiver (part of it the JIT compiling the parity path). From
     * about 6 receivers losing alike the saving grows with each one (at 32, 4 parity packets replace 40).
     */
    static final double MIN_SPREAD = 5.0;

    /**
     * @param windowPackets frames the retransmit window holds: the blocks it spans, plus one.
     * @param adaptive      whether parity is used only while it pays ({@code send --fec auto}), rather than always.
     */
    ParityDemand(final int windowPackets, final boolean adaptive)
    {
        this.adaptive = adaptive;
        blockSlots = windowPackets / K + 1;
        slotBlock = new long[blockSlots];
        java.util.Arrays.fill(slotBlock, -1L);
        nextIndex = new int[blockSlots];
        roundStartNs = new long[blockSlots];
        roundCount = new int[blockSlots];
        pending = new int[blockSlots];
    }

    /**
     * @param spread how many receivers share a typical loss: their loss rates' sum over their maximum (1 when one
     *               receiver does all the losing, N when N lose alike), NaN while no loss has been learned (then
     *               parity stays on: the first losses of a class are usually shared).
     */
    void lossSpread(final double spread)
    {
        pays = !adaptive || !(spread < MIN_SPREAD);
    }

    /** @return whether reported losses are repaired by parity now, rather than by retransmission. */
    boolean pays()
    {
        return pays;
    }

    private int slot(final long block)
    {
        final int slot = (int)(block % blockSlots);
        if (slotBlock[slot] != block)
        {
            // A block comes back into a slot only after the window released the one before it.
            slotBlock[slot] = block;
            nextIndex[slot] = 0;
            roundCount[slot] = 0;
            pending[slot] = 0;
            roundStartNs[slot] = Long.MIN_VALUE / 2;
        }
        return slot;
    }

    /**
     * @param block a block.
     * @param need  parity packets a report asks for.
     * @return whether parity can serve it: few enough for one decode, and indexes left.
     */
    boolean canServe(final long block, final int need)
    {
        final int slot = slot(block);
        return need <= CauchyCode.MAX_ERASURES && nextIndex[slot] + need <= CauchyCode.MAX_PARITY &&
            queueSize + need <= QUEUE;
    }

    /**
     * Queues what a report's need for a block adds to what this round already queued. Parity still waiting in the
     * queue counts towards a new round: a receiver that asks again before it came needs the same packets, not more.
     * In the lab's tail at 64 receivers the sender, starved of CPU, sent a round 400 ms after the asks; the class asked
     * again at 260 ms, and each such round used to queue a full set again.
     *
     * @param block     the block.
     * @param need      parity packets the report asks for (see {@link #canServe}).
     * @param nowNs     now.
     * @param holdoffNs how long a round lasts.
     * @return parity packets queued.
     */
    int demand(final long block, final int need, final long nowNs, final long holdoffNs)
    {
        final int slot = slot(block);
        if (nowNs - roundStartNs[slot] >= holdoffNs)
        {
            roundStartNs[slot] = nowNs;
            roundCount[slot] = pending[slot];
        }
        final int extra = Math.min(need - roundCount[slot], CauchyCode.MAX_PARITY - nextIndex[slot]);
        for (int i = 0; i < extra && queueSize < QUEUE; i++)
        {
            queueBlock[(queueHead + queueSize) % QUEUE] = block;
            queueIndex[(queueHead + queueSize) % QUEUE] = nextIndex[slot]++;
            queueSize++;
            roundCount[slot]++;
            pending[slot]++;
        }
        return Math.max(0, extra);
    }

    /**
     * @param block a block.
     * @return whether parity packets of it wait in the queue: a repair a receiver asks for again is on its way.
     */
    boolean queued(final long block)
    {
        return pendingSlot(block) >= 0;
    }

    /** @return the slot of {@code block} if parity packets of it wait in the queue, else -1. */
    private int pendingSlot(final long block)
    {
        final int slot = (int)(block % blockSlots);
        return slotBlock[slot] == block && pending[slot] > 0 ? slot : -1;
    }

    /** @return whether a parity packet is queued. */
    boolean hasQueued()
    {
        return queueSize > 0;
    }

    /** @return the block of the next parity packet to send. */
    long peekBlock()
    {
        return queueBlock[queueHead];
    }

    /** @return the index of the next parity packet to send. */
    int peekIndex()
    {
        return queueIndex[queueHead];
    }

    /** Takes the head of the queue: sent, or its block can no longer be encoded. */
    void poll()
    {
        final int slot = pendingSlot(queueBlock[queueHead]);
        if (slot >= 0)
        {
            pending[slot]--;
        }
        queueHead = (queueHead + 1) % QUEUE;
        queueSize--;
    }
}
