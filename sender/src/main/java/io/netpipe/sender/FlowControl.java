package io.netpipe.sender;

/**
 * How far the sender may run ahead of its receivers, and what it may forget: the one home of the flow-control
 * policy. Receivers report their window end (how far their buffer lets the sender go) and contiguous position in
 * every STATUS; a policy turns those into a limit for new data and a release point for the retransmit window.
 * Written and read on the sender agent's thread only.
 */
interface FlowControl
{
    /**
     * Takes what a receiver reported.
     *
     * @param r          the receiver, already updated with its position.
     * @param windowEnd  the window end it reported.
     */
    void onStatus(ReceiverState r, long windowEnd);

    /**
     * @param roster the receivers.
     * @return the first sequence new data may not reach yet ({@code Long.MAX_VALUE} for no limit).
     */
    long sendLimit(Roster roster);

    /**
     * @param roster the receivers.
     * @param next   the next new sequence: the answer when no receiver constrains.
     * @return the first sequence some receiver still needs: every frame below it may be released.
     */
    long releasePoint(Roster roster, long next);
}
