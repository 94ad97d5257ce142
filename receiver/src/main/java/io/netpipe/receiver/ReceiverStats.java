package io.netpipe.receiver;

/**
 * A receiver's counters, written by its agent's thread only, and the latest {@link RecvSnapshot}, readable from any
 * thread through a volatile reference.
 */
final class ReceiverStats
{
    /** How often a snapshot is published. */
    static final long SNAPSHOT_INTERVAL_NS = 250_000_000L;

    long badFrames;
    long duplicates;
    long beyondWindow;
    private long nextSnapshotNs;
    private volatile RecvSnapshot latest;

    RecvSnapshot latest()
    {
        return latest;
    }

    boolean isSnapshotDue(final long nowNs)
    {
        return nowNs >= nextSnapshotNs;
    }

    /**
     * @param finder       the session found, if any.
     * @param bytesWritten bytes written.
     * @param elapsedNs    since admission.
     * @param renewals     membership renewals.
     * @return the receiver now.
     */
    RecvSnapshot snapshot(final SessionFinder finder, final long bytesWritten, final long elapsedNs,
        final long renewals)
    {
        final ReceiveSession session = finder.session();
        final boolean found = null != session;
        return new RecvSnapshot(found ? finder.sender() : null, found ? finder.sessionId() : 0, bytesWritten, elapsedNs,
            found ? session.window().lostCount() : 0, found ? session.window().receivedCount() : 0, duplicates,
            beyondWindow, badFrames, renewals);
    }

    /**
     * @param snapshot the receiver now.
     * @param nowNs    now.
     */
    void publish(final RecvSnapshot snapshot, final long nowNs)
    {
        nextSnapshotNs = nowNs + SNAPSHOT_INTERVAL_NS;
        latest = snapshot;
    }

    /** @return for a receiver that found no session: what it dropped, and the likely cause, or "" for nothing. */
    String droppedNote()
    {
        return badFrames == 0 ? "" : "; " + badFrames + " datagrams failed verification or were for another " +
            "session (a different --key-file, or none, on the sender?)";
    }
}
