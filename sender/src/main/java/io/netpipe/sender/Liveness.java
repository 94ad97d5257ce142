package io.netpipe.sender;

import java.io.IOException;

import io.netpipe.protocol.ByeFrame;

/**
 * Drops receivers that fell silent: one not heard from for {@code --drop-after} is lost, named to the listener and
 * told so with a BYE, and stops holding the others back.
 */
final class Liveness
{
    private final long dropAfterNs;
    private final Roster roster;
    private final ControlFrames control;
    private final SenderListener listener;

    Liveness(final long dropAfterNs, final Roster roster, final ControlFrames control, final SenderListener listener)
    {
        this.dropAfterNs = dropAfterNs;
        this.roster = roster;
        this.control = control;
        this.listener = listener;
    }

    /**
     * @param feedbackBacklog whether unread feedback is still queued.
     * @param nowNs           now.
     * @throws IOException when the socket fails.
     */
    void dropSilent(final boolean feedbackBacklog, final long nowNs) throws IOException
    {
        // Unread feedback may hold the very STATUS that proves a receiver alive (a starved sender, a flood):
        // while some is queued, wait up to twice the limit before judging.
        final long limitNs = feedbackBacklog ? 2 * dropAfterNs : dropAfterNs;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.isLive() && nowNs - r.lastHeardNs > limitNs)
            {
                r.state = ReceiverState.State.LOST;
                final String why = "silent for " + Math.round((nowNs - r.lastHeardNs) / 1e9) + " s";
                r.reason = why;
                listener.receiverLost(r, why);
                control.bye(ByeFrame.REASON_DROPPED, r.id(), "dropped by the sender: " + why);
            }
        }
    }
}
