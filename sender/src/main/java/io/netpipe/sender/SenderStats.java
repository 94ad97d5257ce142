package io.netpipe.sender;

import java.util.ArrayList;
import java.util.List;

/**
 * The sender's counters and the snapshots it publishes: written by the agent's thread only, the latest snapshot
 * readable from any thread through a volatile reference, so a live view or a report never touches the agent's
 * state and the agent never waits on a terminal.
 */
final class SenderStats
{
    /** How often a snapshot is published. */
    static final long SNAPSHOT_INTERVAL_NS = 250_000_000L;

    private long packetsSent;
    private long packetsResent;
    private long paritySent;
    private long feedbackFrames;
    private long badFrames;
    private long nextSnapshotNs;
    private long[] lastContiguous = new long[16];
    private long lastSnapshotNs;
    private volatile SenderSnapshot latest;

    void packetsSent(final int count)
    {
        packetsSent += count;
    }

    void repairsSent(final int count)
    {
        packetsResent += count;
    }

    void paritySent(final int count)
    {
        paritySent += count;
    }

    void feedbackFrames(final int count)
    {
        feedbackFrames += count;
    }

    void badFrame()
    {
        badFrames++;
    }

    long badFrames()
    {
        return badFrames;
    }

    SenderSnapshot latest()
    {
        return latest;
    }

    /**
     * @param nowNs now.
     * @return whether a snapshot is due.
     */
    boolean isSnapshotDue(final long nowNs)
    {
        return nowNs >= nextSnapshotNs;
    }

    /**
     * Takes and publishes a snapshot.
     *
     * @param nowNs           now.
     * @param elapsedNs       since the transfer started, 0 before.
     * @param bytesSent       stream bytes sent at least once.
     * @param payloadCapacity stream bytes per packet.
     * @param rateBytesPerSec the pacing rate.
     * @param roster          the receivers.
     * @return the snapshot.
     */
    SenderSnapshot publish(final long nowNs, final long elapsedNs, final long bytesSent, final int payloadCapacity,
        final double rateBytesPerSec, final Roster roster)
    {
        nextSnapshotNs = nowNs + SNAPSHOT_INTERVAL_NS;
        final long confirmedPackets = roster.minContiguous(Long.MAX_VALUE);
        final long confirmed = confirmedPackets == Long.MAX_VALUE ? bytesSent :
            Math.min(bytesSent, confirmedPackets * payloadCapacity);
        final SenderProgress progress = new SenderProgress(elapsedNs, bytesSent, confirmed, packetsSent,
            packetsResent, rateBytesPerSec, roster.liveCount() + roster.count(ReceiverState.State.DONE),
            roster.size(), feedbackFrames, paritySent);
        final List<ReceiverSnapshot> rows = new ArrayList<>(roster.size());
        if (lastContiguous.length < roster.size())
        {
            lastContiguous = java.util.Arrays.copyOf(lastContiguous, Math.max(roster.size(), 2 * lastContiguous.length));
        }
        final double seconds = Math.max(1, nowNs - lastSnapshotNs) / 1e9;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            final long bytes = Math.min(bytesSent, r.contiguous * payloadCapacity);
            final double rate = lastSnapshotNs == 0 ? 0 :
                Math.max(0, r.contiguous - lastContiguous[i]) * payloadCapacity / seconds;
            lastContiguous[i] = r.contiguous;
            rows.add(new ReceiverSnapshot(r.id(), r.name(), r.address(), r.state, r.contiguous, bytes, rate,
                r.requestedCount, r.lostCount, r.receivedCount, Math.max(0, nowNs - r.lastHeardNs), r.reason));
        }
        lastSnapshotNs = nowNs;
        final SenderSnapshot snapshot = new SenderSnapshot(nowNs, progress, List.copyOf(rows));
        latest = snapshot;
        return snapshot;
    }
}
