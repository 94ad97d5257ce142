package io.netpipe.receiver;

import java.net.InetSocketAddress;

/** Hears what happens at a receiver, on its network thread. Every method defaults to nothing. */
public interface ReceiverListener
{
    /**
     * @param sender    the sender's feedback address.
     * @param sessionId the session found.
     */
    default void sessionFound(final InetSocketAddress sender, final int sessionId)
    {
    }

    /** @param receiverId the id the sender gave this receiver. */
    default void admitted(final int receiverId)
    {
    }

    /** @param text something the user should know, one sentence. */
    default void notice(final String text)
    {
    }

    /**
     * No announcement of any session was heard for 10 s since this receiver
     * started waiting: said once, so the user learns early what to check rather than after a silent hour.
     *
     * @param waitedNs how long the receiver has waited.
     */
    default void noSessionHeard(final long waitedNs)
    {
    }
}
