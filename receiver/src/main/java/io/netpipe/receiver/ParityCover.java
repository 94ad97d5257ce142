package io.netpipe.receiver;

import java.util.function.LongToIntFunction;

import io.netpipe.protocol.ParityFrame;

/**
 * Which missing sequences the parity a receiver holds covers, for {@link ReceiveWindow#writeMissing}: the first
 * missing ones of each block, as many as the block's parity credit, so a report lists only the rest. A scan asks in
 * sequence order and may ask for the same sequence twice (a range that ends at a covered sequence): the same answer.
 * One thread owns it; allocation-free.
 */
final class ParityCover
{
    private LongToIntFunction credit = block -> 0;
    private long block = -1;
    private int left;
    private long checkedSeq = -1;
    private boolean checkedCovered;

    /** @param credit how many of a block's missing sequences the parity held covers. */
    void credit(final LongToIntFunction credit)
    {
        this.credit = credit;
    }

    /** A new scan starts: every block's credit counts afresh. */
    void reset()
    {
        block = -1;
        checkedSeq = -1;
    }

    /**
     * @param seq a missing sequence, at or after the one asked before in this scan.
     * @return whether the parity held for its block covers it.
     */
    boolean covered(final long seq)
    {
        if (seq != checkedSeq)
        {
            checkedSeq = seq;
            if (seq / ParityFrame.BLOCK_PACKETS != block)
            {
                block = seq / ParityFrame.BLOCK_PACKETS;
                left = credit.applyAsInt(block);
            }
            checkedCovered = left > 0;
            left -= checkedCovered ? 1 : 0;
        }
        return checkedCovered;
    }
}
