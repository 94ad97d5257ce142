package io.netpipe.sender;

import java.io.IOException;

import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FeedbackPace;

/**
 * Drops receivers that stopped making themselves heard, the one home of that policy. A receiver is dead when it has
 * been silent, in time the sender spent listening, for longer than {@link #limitNs()}: both {@code --drop-after}
 * and {@link #PACE_INTERVALS} of the intervals the receivers are told to report at
 * ({@link FeedbackPace#longestSilenceNs}). A lost receiver is named to the listener, told so with a BYE, and stops
 * holding the others back.
 * <p>
 * Any valid report from a receiver resets its silence, however late it comes: a receiver whose reports are late
 * because its host is starved of CPU still moves, and is alive. Time the sender did not spend listening is not
 * silence: the lateness of its own duty cycle (a gap beyond {@link #LATE_CYCLE_NS} between two checks, when the
 * sender itself was descheduled) and cycles that ended with feedback still queued unread (the queue may hold the
 * very report that proves the receiver alive). So that a feedback flood that never lets the queue drain cannot keep
 * a dead receiver forever, {@link #FLOOD_FACTOR} times the limit of wall-clock silence drops it anyway.
 * <p>
 * A receiver that reports but does not move (its output is blocked) is alive: it holds everyone back within the
 * window flow control allows, and {@code --drop-after} concerns silence only.
 * <p>
 * In groups above {@link FeedbackPace#SMALL_GROUP} no silence counts while new data flows
 * ({@link FeedbackPace#silentWhileDataFlows}): the receivers then report only by the packets they count, which at a
 * slow rate may be longer apart than the limit. A receiver that fell silent holds nobody back until the sender reaches
 * its window end or must keep a frame for it; the data stops there, and from then on its silence counts.
 */
final class Liveness
{
    /**
     * Report intervals a receiver may miss in a row before it is judged dead. A receiver of a large group sends a
     * sign of life once every {@link FeedbackPace#STAND_STILL_INTERVALS} of them while the data stands still, so two
     * may be lost or late.
     */
    static final int PACE_INTERVALS = 5;
    /**
     * The sender's duty cycle runs at least every millisecond or so (it parks at most 200 us when idle); a longer
     * gap between two checks is time the sender was not running, and so not listening.
     */
    static final long LATE_CYCLE_NS = 20_000_000L;
    /** Wall-clock silence, in limits, that drops a receiver whatever the sender's own state. */
    static final int FLOOD_FACTOR = 4;

    private final long dropAfterNs;
    private final int expectedReceivers;
    private final Roster roster;
    private final ControlFrames control;
    private final SenderListener listener;
    private long lastCheckNs;
    private long lastNextSequence;
    private long lastNewDataNs = Long.MIN_VALUE / 2;

    /**
     * @param dropAfterNs       {@code --drop-after}.
     * @param expectedReceivers {@code -n}: with the roster's size, the group size the report pace depends on.
     * @param roster            the receivers.
     * @param control           sends the BYE to a dropped receiver.
     * @param listener          hears who was dropped and why.
     * @param startNs           when the sender started.
     */
    Liveness(final long dropAfterNs, final int expectedReceivers, final Roster roster, final ControlFrames control,
        final SenderListener listener, final long startNs)
    {
        this.dropAfterNs = dropAfterNs;
        this.expectedReceivers = expectedReceivers;
        this.roster = roster;
        this.control = control;
        this.listener = listener;
        this.lastCheckNs = startNs;
    }

    /** @return how long a receiver may stay silent while the sender listens. */
    long limitNs()
    {
        return Math.max(dropAfterNs, PACE_INTERVALS * FeedbackPace.longestSilenceNs(groupSize()));
    }

    private int groupSize()
    {
        return Math.max(expectedReceivers, roster.size());
    }

    /**
     * @param feedbackBacklog whether this cycle left feedback queued unread.
     * @param nextSequence    the next new sequence to send: while it moves, data flows.
     * @param nowNs           now.
     * @throws IOException when the socket fails.
     */
    void dropSilent(final boolean feedbackBacklog, final long nextSequence, final long nowNs) throws IOException
    {
        if (nextSequence != lastNextSequence)
        {
            lastNextSequence = nextSequence;
            lastNewDataNs = nowNs;
        }
        final boolean flowing = FeedbackPace.silentWhileDataFlows(groupSize()) &&
            nowNs - lastNewDataNs < FeedbackPace.SILENT_STALL_NS;
        final long sinceCheckNs = flowing ? 0 : Math.max(0, nowNs - lastCheckNs);
        final long listenedNs = feedbackBacklog ? 0 : Math.min(sinceCheckNs, LATE_CYCLE_NS);
        lastCheckNs = nowNs;
        final long limitNs = limitNs();
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (!r.isLive())
            {
                continue;
            }
            if (r.lastHeardNs != r.silenceSinceNs)
            {
                // Heard since the last check: its silence starts over, counting only what passed since.
                r.silenceSinceNs = r.lastHeardNs;
                r.listenedSilenceNs = Math.min(listenedNs, nowNs - r.lastHeardNs);
                r.countedSilenceNs = Math.min(sinceCheckNs, nowNs - r.lastHeardNs);
            }
            else
            {
                r.listenedSilenceNs += listenedNs;
                r.countedSilenceNs += sinceCheckNs;
            }
            final long wallNs = nowNs - r.lastHeardNs;
            if (r.listenedSilenceNs > limitNs || r.countedSilenceNs > FLOOD_FACTOR * limitNs)
            {
                r.state = ReceiverState.State.LOST;
                final String why = "silent for " + Math.round(wallNs / 1e9) + " s";
                r.reason = why;
                listener.receiverLost(r, why);
                control.bye(ByeFrame.REASON_DROPPED, r, "dropped by the sender: " + why);
            }
        }
    }
}
