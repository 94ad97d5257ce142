package io.netpipe.sender;

/**
 * One receiver's loss counters as the {@link CongestionEstimator} follows them: the cumulative counters of its
 * latest STATUS, where the current rate interval started, and its running baseline loss fraction. Written only by
 * the estimator, on the sender agent's thread.
 */
final class LossTracker
{
    int lastLost;
    int lastReceived;
    int intervalLost;
    int intervalReceived;
    boolean countersSeen;
    double baseline;
}
