package io.netpipe.bench.e2e;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The medians of one tool's timed runs on one scenario: one cell of the table.
 *
 * @param tool               the tool's name.
 * @param scenario           the scenario.
 * @param runs               how many timed runs there were.
 * @param okRuns             how many of them succeeded (medians are over these).
 * @param megabytesPerSecond median MB/s.
 * @param senderCpuSeconds   median sender CPU seconds.
 * @param receiverCpuSeconds median CPU seconds per receiver.
 * @param retransmittedPercent median retransmitted %, NaN if the tool does not report it.
 * @param verified           whether the verification run passed (every receiver's SHA-256 matched).
 * @param mostUnserved       the most receivers the tool failed to serve in one run, the verification run included.
 * @param readySeconds       median seconds until every receiver was ready, over all runs that got that far.
 * @param feedbackPercent    median feedback datagrams per 100 data datagrams on the wire, NaN if not counted.
 */
public record Cell(
    String tool,
    Scenario scenario,
    int runs,
    int okRuns,
    double megabytesPerSecond,
    double senderCpuSeconds,
    double receiverCpuSeconds,
    double retransmittedPercent,
    boolean verified,
    int mostUnserved,
    double readySeconds,
    double feedbackPercent)
{
    /**
     * @param tool     the tool's name.
     * @param scenario the scenario.
     * @param results  every run of this tool on this scenario, the verification run (number 0) included.
     * @return the cell.
     */
    public static Cell of(final String tool, final Scenario scenario, final List<RunResult> results)
    {
        final List<RunResult> timed = results.stream().filter(r -> r.run() > 0).toList();
        final List<RunResult> ok = timed.stream().filter(RunResult::ok).toList();
        final boolean verified = results.stream().anyMatch(r -> r.run() == 0 && r.ok());
        return new Cell(tool, scenario, timed.size(), ok.size(),
            median(ok, RunResult::megabytesPerSecond),
            median(ok, RunResult::senderCpuSeconds),
            median(ok, RunResult::receiverCpuSeconds),
            median(ok, RunResult::retransmittedPercent),
            verified,
            results.stream().mapToInt(RunResult::unserved).max().orElse(0),
            median(results, RunResult::readySeconds),
            median(ok, RunResult::feedbackPercent));
    }

    /**
     * @return whether the tool served every receiver in every run (timed and verification): only then is the cell a
     *     rate; otherwise it is a failure, in the table and the chart alike.
     */
    public boolean servedAll()
    {
        return okRuns == runs && mostUnserved == 0;
    }

    /**
     * @param values the runs.
     * @param field  which number to take of each.
     * @return the median of that number over the runs (mean of the middle two for an even count), NaN if none.
     */
    static double median(final List<RunResult> values, final ToDoubleFunction<RunResult> field)
    {
        final double[] v = values.stream().mapToDouble(field).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0)
        {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
