package io.netpipe.receiver;

import java.net.InetSocketAddress;

/**
 * A receiver at one moment, immutable, for a live line or a report on another thread.
 *
 * @param sender          the sender it follows, {@code null} while it waits for a session.
 * @param sessionId       the session, 0 while waiting.
 * @param bytesWritten    stream bytes written to the output.
 * @param elapsedNs       since it was admitted, 0 before.
 * @param lostPackets     packets it found missing (first losses only): each was asked for again.
 * @param receivedPackets packets it received.
 * @param duplicates      DATA frames that arrived again.
 * @param beyondWindow    DATA frames beyond the window it offered (dropped).
 * @param badFrames       datagrams dropped as invalid or foreign.
 * @param renewals        times it renewed its multicast membership.
 */
public record RecvSnapshot(
    InetSocketAddress sender,
    int sessionId,
    long bytesWritten,
    long elapsedNs,
    long lostPackets,
    long receivedPackets,
    long duplicates,
    long beyondWindow,
    long badFrames,
    long renewals)
{
}
