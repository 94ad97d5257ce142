package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of the benchmark: one row per scenario, two tools' medians side by side (netpipe and udpcast, or this
 * build and a baseline build), printed as Markdown (for the README) and written as CSV.
 */
final class Report
{
    private final List<Row> rows = new ArrayList<>();
    private final String first;
    private final String second;

    /** The usual table: netpipe against udpcast. */
    Report()
    {
        this("netpipe", "udpcast");
    }

    /**
     * @param first  the first tool's name.
     * @param second the second tool's name, the ratio's denominator.
     */
    Report(final String first, final String second)
    {
        this.first = first;
        this.second = second;
    }

    /**
     * One row: a scenario and the two tools' cells (either may be null if that tool was not run).
     *
     * @param scenario the scenario.
     * @param netpipe  the first tool's cell (netpipe, this build).
     * @param udpcast  the second tool's cell (udpcast, or the baseline build).
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
        final String pair = " (" + first + " / " + second + ")";
        sb.append("| N | loss | ").append(first).append(" MB/s | ").append(second).append(" MB/s | ")
            .append(first).append('/').append(second).append(" | sender CPU s").append(pair)
            .append(" | CPU s per receiver").append(pair).append(" | retransmitted %").append(pair)
            .append(" | feedback % of data on the wire").append(pair)
            .append(" | s until all receivers ready").append(pair).append(" |\n");
        sb.append("|--:|:--|--:|--:|--:|--:|--:|--:|--:|--:|\n");
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
                .append(" | ").append(pair(r, "%.2f", Cell::feedbackPercent))
                .append(" | ").append(pair(r, "%.1f", Cell::readySeconds))
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
        final String a = first;
        final String b = second;
        lines.add("receivers,loss_all_permille,loss_one_permille,gbe,"
            + a + "_mbps," + b + "_mbps,ratio,"
            + a + "_sender_cpu_s," + b + "_sender_cpu_s," + a + "_receiver_cpu_s," + b + "_receiver_cpu_s,"
            + a + "_retransmitted_pct," + b + "_retransmitted_pct,"
            + a + "_ok_runs," + b + "_ok_runs," + a + "_verified," + b + "_verified,"
            + a + "_most_unserved," + b + "_most_unserved," + a + "_feedback_pct," + b + "_feedback_pct,"
            + a + "_ready_s," + b + "_ready_s");
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
                r.udpcast() == null ? "" : Boolean.toString(r.udpcast().verified()),
                r.netpipe() == null ? "" : Integer.toString(r.netpipe().mostUnserved()),
                r.udpcast() == null ? "" : Integer.toString(r.udpcast().mostUnserved()),
                csv(r.netpipe(), Cell::feedbackPercent), csv(r.udpcast(), Cell::feedbackPercent),
                csv(r.netpipe(), Cell::readySeconds), csv(r.udpcast(), Cell::readySeconds)));
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
            + "sender_cpu_s,receiver_cpu_s,retransmitted_pct,busy_before_pct,unserved,ready_s,data_datagrams,"
            + "feedback_datagrams,failure");
        for (final RunResult r : results)
        {
            final Scenario s = r.scenario();
            lines.add(String.join(",", r.tool(), Integer.toString(s.receivers()),
                Integer.toString(s.lossAllPermille()), Integer.toString(s.lossOnePermille()), Boolean.toString(s.gbe()),
                Integer.toString(r.run()), Boolean.toString(r.ok()),
                fmt("%.3f", r.seconds()), fmt("%.1f", r.megabytesPerSecond()),
                fmt("%.2f", r.senderCpuSeconds()), fmt("%.2f", r.receiverCpuSeconds()),
                fmt("%.2f", r.retransmittedPercent()), fmt("%.0f", r.busyBeforePercent()),
                Integer.toString(r.unserved()), fmt("%.2f", r.readySeconds()), Long.toString(r.dataDatagrams()),
                Long.toString(r.feedbackDatagrams()), '"' + r.failure().replace('"', '\'') + '"'));
        }
        Files.write(path, lines);
    }

    private static String mbps(final Cell c)
    {
        if (c == null)
        {
            return "-";
        }
        // A receiver the tool did not serve is a failure, never a rate: a rate over the runs that happened to work
        // would hide it.
        if (!c.servedAll())
        {
            return "FAIL (" + c.okRuns() + "/" + c.runs() + " runs ok, up to " + c.mostUnserved() + " of "
                + c.scenario().receivers() + " receivers unserved)";
        }
        final String v = fmt(c.megabytesPerSecond() < 10 ? "%.1f" : "%.0f", c.megabytesPerSecond());
        return v + (c.verified() ? "" : " (unverified)");
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
