package io.netpipe.sender;

/**
 * One receiver's loss counters as the {@link CongestionEstimator} follows them: the cumulative counters of its
 * latest STATUS, where the current rate interval started, its running baseline loss fraction, and whether it
 * has yet reported past the latest back-off. Written only by
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
    /** After a back-off: no sample until this receiver reports a position past the sequence sent at the cut. */
    boolean awaitingCut;
    /** Growth steps still to be confirmed by this receiver's reports: it was congested lately. */
    int pacingSteps;
    /** The loss fraction that judged it congested at the latest cut, until its first sample after it; else 0. */
    double cutLoss;
}
