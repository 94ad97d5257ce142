package io.netpipe.receiver;

/**
 * How a receiver ended.
 *
 * @param outcome   the outcome.
 * @param message   one sentence for the user when not complete, else empty.
 * @param bytes     stream bytes written to the output.
 * @param elapsedNs from joining the session to the end.
 * @param sessionId the session, 0 if none was joined.
 * @param membershipRenewals how often the multicast membership was renewed because the sender fell silent
 *                  while this receiver kept running (the network lost it: a switch deaf to our reports?).
 * @param descheduledSilences how often the sender seemed silent long enough to renew for, only because this
 *                  receiver was itself descheduled (a busy host): not renewed, and not the network's fault.
 * @param digest    the SHA-256 of the whole stream written, in hex; empty when it was not written to its end.
 * @param recoveredPackets packets rebuilt from the sender's parity packets instead of retransmitted.
 */
public record RecvResult(Outcome outcome, String message, long bytes, long elapsedNs, int sessionId,
    long membershipRenewals, long descheduledSilences, String digest, long recoveredPackets)
{
    /** A result with nothing recovered from parity. */
    public RecvResult(final Outcome outcome, final String message, final long bytes, final long elapsedNs,
        final int sessionId, final long membershipRenewals, final long descheduledSilences, final String digest)
    {
        this(outcome, message, bytes, elapsedNs, sessionId, membershipRenewals, descheduledSilences, digest, 0);
    }

    /** A result with no descheduled silence and without a digest: the stream was not written to its end. */
    public RecvResult(final Outcome outcome, final String message, final long bytes, final long elapsedNs,
        final int sessionId, final long membershipRenewals)
    {
        this(outcome, message, bytes, elapsedNs, sessionId, membershipRenewals, 0, "");
    }

    /** A result without a digest. */
    public RecvResult(final Outcome outcome, final String message, final long bytes, final long elapsedNs,
        final int sessionId, final long membershipRenewals, final long descheduledSilences)
    {
        this(outcome, message, bytes, elapsedNs, sessionId, membershipRenewals, descheduledSilences, "");
    }

    /** A result with no descheduled silence. */
    public RecvResult(final Outcome outcome, final String message, final long bytes, final long elapsedNs,
        final int sessionId, final long membershipRenewals, final String digest)
    {
        this(outcome, message, bytes, elapsedNs, sessionId, membershipRenewals, 0, digest);
    }

    /** The ways a receiver ends. */
    public enum Outcome
    {
        /** The whole stream was written and its SHA-256 matched the sender's. */
        COMPLETE,
        /** The stream is incomplete: the sender vanished or aborted, or dropped this receiver. */
        INCOMPLETE,
        /** Every byte arrived but the digest or the length did not match: the output is corrupt. */
        CORRUPT,
        /** Writing the output failed. */
        OUTPUT_FAILED,
        /** No session was found in time. */
        TIMEOUT
    }

    /**
     * @param ns a duration.
     * @return it in seconds with one decimal, as messages show durations.
     */
    static String seconds(final long ns)
    {
        return String.format("%.1f s", ns / 1e9);
    }
}
