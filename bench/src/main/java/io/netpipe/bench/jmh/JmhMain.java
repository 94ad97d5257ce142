package io.netpipe.bench.jmh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The entry point of {@code benchmarks.jar}: JMH with a short default configuration (1 fork, 2 warm-up and 3
 * measured iterations of 1 s) so that all benchmarks run in about two minutes, followed by a summary that converts
 * the codec's frames per microsecond into GB/s. Every JMH option still works and overrides the defaults, e.g.
 * {@code java -jar bench/target/benchmarks.jar -f 3 -i 10 FrameCodec}.
 */
public final class JmhMain
{
    private JmhMain()
    {
    }

    /**
     * @param args JMH's command-line options.
     * @throws RunnerException if JMH fails.
     * @throws IOException if JMH cannot list its benchmarks.
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        final CommandLineOptions cmd;
        try
        {
            cmd = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("jmh: " + ex.getMessage());
            System.exit(2);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
            || cmd.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        final ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
        if (!cmd.getForkCount().hasValue())
        {
            options.forks(1);
        }
        if (!cmd.getWarmupIterations().hasValue())
        {
            options.warmupIterations(2);
        }
        if (!cmd.getWarmupTime().hasValue())
        {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!cmd.getMeasurementIterations().hasValue())
        {
            options.measurementIterations(3);
        }
        if (!cmd.getMeasurementTime().hasValue())
        {
            options.measurementTime(TimeValue.seconds(1));
        }
        if (cmd.getIncludes().isEmpty())
        {
            options.include(JmhMain.class.getPackageName() + ".*");
        }
        final Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(summary(results));
    }

    /** One line per benchmark: score, error, and for frame benchmarks the equivalent GB/s of datagrams. */
    static String summary(final Collection<RunResult> results)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-58s %14s %10s  %s", "benchmark", "score", "error", "unit"));
        for (final RunResult r : results)
        {
            final Result<?> primary = r.getPrimaryResult();
            final String name = r.getParams().getBenchmark().replace(JmhMain.class.getPackageName() + ".", "")
                + paramText(r);
            String extra = "";
            final String size = r.getParams().getParam("packetSize");
            if (size != null && primary.getScoreUnit().equals("ops/us"))
            {
                // frames/us * bytes/frame = bytes/us = MB/s; / 1000 = GB/s.
                extra = String.format(Locale.ROOT, "  = %.2f GB/s", primary.getScore() * Integer.parseInt(size) / 1000);
            }
            lines.add(String.format(Locale.ROOT, "%-58s %14.3f %10.3f  %s%s", name, primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(), extra));
            r.getSecondaryResults().forEach((label, sub) -> lines.add(String.format(Locale.ROOT,
                "%-58s %14.3f %10.3f  %s", "  :" + label, sub.getScore(), sub.getScoreError(), sub.getScoreUnit())));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String paramText(final RunResult r)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String key : r.getParams().getParamsKeys())
        {
            sb.append(sb.isEmpty() ? " (" : ", ").append(key).append('=').append(r.getParams().getParam(key));
        }
        return sb.isEmpty() ? "" : sb.append(')').toString();
    }
}
