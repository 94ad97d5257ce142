package io.netpipe.sender;

import java.util.List;

/** Hears what happens in a sending session, on the sender agent's thread. Every method defaults to nothing. */
public interface SenderListener
{
    /** @param receiver a receiver just admitted to the roster. */
    default void receiverJoined(final ReceiverState receiver)
    {
    }

    /** @param roster the roster, fixed as the transfer starts. */
    default void transferStarted(final List<ReceiverState> roster)
    {
    }

    /**
     * @param receiver a receiver dropped or failed.
     * @param why      one sentence.
     */
    default void receiverLost(final ReceiverState receiver, final String why)
    {
    }

}
