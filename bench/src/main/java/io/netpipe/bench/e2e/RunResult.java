package io.netpipe.bench.e2e;

/**
 * The outcome of one run of one tool on one scenario.
 *
 * @param tool          the tool's name.
 * @param scenario      the scenario.
 * @param run           the run's number (0 is the verification run, not counted in medians).
 * @param ok            whether every process exited 0 in time (and, in a verification run, every digest matched).
 * @param failure       why it is not ok, or an empty string.
 * @param unserved      how many receivers the tool failed to serve (exited non-zero, wrong digest, still running
 *                      at the timeout, never ready), 0 when ok.
 * @param readySeconds  wall-clock seconds from starting the first receiver until every receiver was ready (its socket
 *                      bound): the JVM start-up a user waits for before starting the sender; NaN if never.
 * @param seconds       wall-clock seconds from the sender's start to the last process's exit.
 * @param megabytesPerSecond the file's size in MB (10^6 bytes) divided by {@code seconds}.
 * @param senderCpuSeconds user + system CPU seconds of the sender process.
 * @param receiverCpuSeconds user + system CPU seconds of one receiver, averaged over the receivers.
 * @param retransmittedPercent retransmitted share of data packets as the sender reports it, NaN if it did not.
 * @param busyBeforePercent how busy the CPUs were with other work in the second before the run, in percent.
 * @param dataDatagrams     datagrams the sender's namespace sent to the data port (nftables), -1 if not counted.
 * @param feedbackDatagrams datagrams that arrived on the sender's feedback port (nftables), -1 if not counted.
 */
public record RunResult(
    String tool,
    Scenario scenario,
    int run,
    boolean ok,
    String failure,
    int unserved,
    double readySeconds,
    double seconds,
    double megabytesPerSecond,
    double senderCpuSeconds,
    double receiverCpuSeconds,
    double retransmittedPercent,
    double busyBeforePercent,
    long dataDatagrams,
    long feedbackDatagrams)
{
    /** @return feedback datagrams on the wire per 100 data datagrams, NaN if not counted. */
    public double feedbackPercent()
    {
        return dataDatagrams <= 0 || feedbackDatagrams < 0 ? Double.NaN : 100.0 * feedbackDatagrams / dataDatagrams;
    }
}
