package io.netpipe.sender;

import java.util.List;

/**
 * How a sending session ended.
 *
 * @param outcome   the outcome.
 * @param message   one sentence for the user when not complete, else empty.
 * @param progress  the final counters.
 * @param receivers the roster at the end.
 * @param heard     what the feedback port heard but could not take (other sessions, versions, keys; refused JOINs).
 * @param digest    the SHA-256 of the whole input in hex, empty when it was not read to its end.
 */
public record SendResult(Outcome outcome, String message, SenderProgress progress, List<ReceiverState> receivers,
    List<Heard> heard, String digest)
{
    /**
     * @param more words to add to the message (what the command line knows: the interface).
     * @return this result with them appended.
     */
    public SendResult withMessage(final String more)
    {
        return new SendResult(outcome, message + more, progress, receivers, heard, digest);
    }

    /** The ways a session ends. */
    public enum Outcome
    {
        /** Every receiver has the whole stream, verified. */
        COMPLETE,
        /** Some receivers were lost or failed; the others are complete. */
        RECEIVERS_LOST,
        /** Too few receivers joined in time. */
        TIMEOUT,
        /** Reading the input failed; receivers were told. */
        INPUT_FAILED,
        /** Stopped by the user; receivers were told. */
        ABORTED
    }
}
