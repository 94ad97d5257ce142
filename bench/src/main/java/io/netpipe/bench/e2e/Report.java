package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of the benchmark: one row per scenario, netpipe's and udpcast's medians side by side, printed as
 * Markdown (for the README) and written as CSV.
 */
final class Report
{
    private final List<Row> rows = new ArrayList<>();

    /**
     * One row: a scenario and the two tools' cells (either may be null if that tool was not run).
     *
     * @param scenario the scenario.
     * @param netpipe  netpipe's cell.
     * @param udpcast  udpcast's cell.
     */
    record Row(Scenario scenario, Cell netpipe, Cell udpcast)
    {
        double ratio()
        {
            return netpipe == null || udpcast == null ? Double.NaN
                : netpipe.megabytesPerSecond() / udpcast.megabytesPerSecond();
        }
    }

    void add(final Row row)
    {
        rows.add(row);
    }

    List<Row> rows()
    {
        return rows;
    }

    /** @return the table in Markdown. */
    String markdown()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("| N | loss | netpipe MB/s | udpcast MB/s | netpipe/udpcast | sender CPU s (np / uc) ")
            .append("| CPU s per receiver (np / uc) | retransmitted % (np / uc) |\n");
        sb.append("|--:|:--|--:|--:|--:|--:|--:|--:|\n");
        for (final Row r : rows)
        {
            sb.append("| ").append(r.scenario().receivers())
                .append(" | ").append(r.scenario().condition())
                .append(" | ").append(mbps(r.netpipe()))
                .append(" | ").append(mbps(r.udpcast()))
                .append(" | ").append(fmt("%.2f", r.ratio()))
                .append(" | ").append(pair(r, "%.1f", Cell::senderCpuSeconds))
                .append(" | ").append(pair(r, "%.1f", Cell::receiverCpuSeconds))
                .append(" | ").append(pair(r, "%.1f", Cell::retransmittedPercent))
                .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Writes the table as CSV.
     *
     * @param path where.
     * @throws IOException if it cannot be written.
     */
    void writeCsv(final Path path) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        lines.add("receivers,loss_all_permille,loss_one_permille,gbe,"
            + "netpipe_mbps,udpcast_mbps,ratio,"
            + "netpipe_sender_cpu_s,udpcast_sender_cpu_s,netpipe_receiver_cpu_s,udpcast_receiver_cpu_s,"
            + "netpipe_retransmitted_pct,udpcast_retransmitted_pct,"
            + "netpipe_ok_runs,udpcast_ok_runs,netpipe_verified,udpcast_verified");
        for (final Row r : rows)
        {
            final Scenario s = r.scenario();
            lines.add(String.join(",",
                Integer.toString(s.receivers()), Integer.toString(s.lossAllPermille()),
                Integer.toString(s.lossOnePermille()), Boolean.toString(s.gbe()),
                csv(r.netpipe(), Cell::megabytesPerSecond), csv(r.udpcast(), Cell::megabytesPerSecond),
                fmt("%.3f", r.ratio()),
                csv(r.netpipe(), Cell::senderCpuSeconds), csv(r.udpcast(), Cell::senderCpuSeconds),
                csv(r.netpipe(), Cell::receiverCpuSeconds), csv(r.udpcast(), Cell::receiverCpuSeconds),
                csv(r.netpipe(), Cell::retransmittedPercent), csv(r.udpcast(), Cell::retransmittedPercent),
                r.netpipe() == null ? "" : r.netpipe().okRuns() + "/" + r.netpipe().runs(),
                r.udpcast() == null ? "" : r.udpcast().okRuns() + "/" + r.udpcast().runs(),
                r.netpipe() == null ? "" : Boolean.toString(r.netpipe().verified()),
                r.udpcast() == null ? "" : Boolean.toString(r.udpcast().verified())));
        }
        Files.write(path, lines);
    }

    /**
     * Writes every single run as CSV, for checking the medians.
     *
     * @param path    where.
     * @param results every run.
     * @throws IOException if it cannot be written.
     */
    static void writeRunsCsv(final Path path, final List<RunResult> results) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        lines.add("tool,receivers,loss_all_permille,loss_one_permille,gbe,run,ok,seconds,mbps,"
            + "sender_cpu_s,receiver_cpu_s,retransmitted_pct,busy_before_pct,failure");
        for (final RunResult r : results)
        {
            final Scenario s = r.scenario();
            lines.add(String.join(",", r.tool(), Integer.toString(s.receivers()),
                Integer.toString(s.lossAllPermille()), Integer.toString(s.lossOnePermille()), Boolean.toString(s.gbe()),
                Integer.toString(r.run()), Boolean.toString(r.ok()),
                fmt("%.3f", r.seconds()), fmt("%.1f", r.megabytesPerSecond()),
                fmt("%.2f", r.senderCpuSeconds()), fmt("%.2f", r.receiverCpuSeconds()),
                fmt("%.2f", r.retransmittedPercent()), fmt("%.0f", r.busyBeforePercent()), '"' + r.failure().replace('"', '\'') + '"'));
        }
        Files.write(path, lines);
    }

    private static String mbps(final Cell c)
    {
        if (c == null)
        {
            return "-";
        }
        if (c.okRuns() == 0)
        {
            return "FAIL";
        }
        final String v = fmt("%.0f", c.megabytesPerSecond());
        final String flags = (c.okRuns() < c.runs() ? " (" + c.okRuns() + "/" + c.runs() + " ok)" : "")
            + (c.verified() ? "" : " (unverified)");
        return v + flags;
    }

    private interface Field
    {
        double of(Cell c);
    }

    private static String pair(final Row r, final String format, final Field f)
    {
        return cell(r.netpipe(), format, f) + " / " + cell(r.udpcast(), format, f);
    }

    private static String cell(final Cell c, final String format, final Field f)
    {
        return c == null || Double.isNaN(f.of(c)) ? "n/a" : fmt(format, f.of(c));
    }

    private static String csv(final Cell c, final Field f)
    {
        return c == null ? "" : fmt("%.3f", f.of(c));
    }

    private static String fmt(final String format, final double v)
    {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }
}
