package io.netpipe.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link EndToEnd}.
 *
 * @param receivers receiver counts of the loss matrix.
 * @param gbe       receiver counts of the gbe profile.
 * @param runs      timed runs per tool and scenario (each cell is their median).
 * @param size      bytes to send.
 * @param mode      multicast or broadcast, for both tools.
 * @param tools     tool names to run.
 * @param file      an existing file to send instead of generating one, or null.
 * @param out       where the table, CSV and chart go.
 * @param work      scratch directory: the generated file, every process's stderr and timing.
 * @param home      the repository root (for {@code bin/netpipe} and {@code bench/lab.sh}).
 * @param quietPercent     before each run, wait until other work keeps the CPUs at most this busy.
 * @param quietWaitSeconds but no longer than this.
 * @param baseline  another checkout, built, whose netpipe runs as the tool "baseline", or null.
 */
record Options(
    List<Integer> receivers,
    List<Integer> gbe,
    int runs,
    long size,
    Mode mode,
    List<String> tools,
    Path file,
    Path out,
    Path work,
    Path home,
    double quietPercent,
    long quietWaitSeconds,
    Path baseline)
{
    /** The tools {@code --tools} may name. */
    static final List<String> KNOWN_TOOLS = List.of("netpipe", "netpipe-keyed", "udpcast", "blaster", "baseline");

    static final String USAGE = """
        usage: bench/e2e.sh [--quick | --scale] [--receivers 1,4,8,16] [--gbe 8,16] [--runs 3] [--size 1G]
                            [--mode multicast|broadcast] [--tools netpipe,udpcast,blaster] [--file FILE]
                            [--out bench/results] [--work /tmp/netpipe-e2e] [--quiet-below 15] [--quiet-wait 300]
                            [--baseline DIR]
          --quick   sanity check: N = 1 and 4, one timed run, 256M, no gbe; results in WORK/quick-results
          --scale   the wide rows: N = 32 and 64, netpipe and udpcast, 128M, one timed run, no gbe; results in
                    OUT/scale (on 2 cores a run at 64 takes ~1 min; run it on a quiet machine)
          --tools   any of netpipe; netpipe-keyed (this build with --key-file on both ends: a key that
                    'netpipe keygen' writes into WORK, mode 0600; a table compares it with netpipe); udpcast;
                    blaster (the ceiling: netpipe's Linux transport at its datagram size with no protocol;
                    receivers only count, and its rate is what the slowest one got); baseline
          --baseline DIR: also run the netpipe of another checkout (built), e.g. the previous commit in a git
                    worktree, as the tool "baseline", and write a second table: this build against it
          --quiet-below PCT, --quiet-wait S: before each run wait (at most S seconds) until other work keeps the
                    CPUs at most PCT% busy; every run records how busy they were
          Each scenario runs one verification run per tool (receivers' output hashed, untimed) and then --runs
          timed runs with receivers writing to /dev/null, tools interleaved (the order alternates per run).
          The sender starts once every receiver has bound its socket (no sleeps), so JVM start-up is off the
          clock; the time until then is the "ready" column. A run in which any receiver was not served (non-zero
          exit, wrong SHA-256, still running at the timeout, never ready) makes the cell FAIL, never a rate.
          For netpipe the lab counts, in the sender's namespace, data datagrams out and feedback datagrams in.
        """;

    static Options parse(final String[] args, final Path home)
    {
        List<Integer> receivers = List.of(1, 4, 8, 16);
        List<Integer> gbe = List.of(8, 16);
        int runs = 3;
        long size = 1L << 30;
        Mode mode = Mode.MULTICAST;
        List<String> tools = List.of("netpipe", "udpcast", "blaster");
        Path file = null;
        Path baseline = null;
        Path out = null;
        boolean quick = false;
        boolean scale = false;
        Path work = Path.of("/tmp/netpipe-e2e");
        double quietPercent = 15;
        long quietWait = 300;
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            switch (a)
            {
                case "--quick" ->
                {
                    quick = true;
                    receivers = List.of(1, 4);
                    gbe = List.of();
                    runs = 1;
                    size = 256L << 20;
                }
                case "--scale" ->
                {
                    scale = true;
                    receivers = List.of(32, 64);
                    gbe = List.of();
                    runs = 1;
                    size = 128L << 20;
                    tools = List.of("netpipe", "udpcast");
                }
                case "--receivers" -> receivers = ints(value(args, ++i, a));
                case "--gbe" -> gbe = ints(value(args, ++i, a));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                case "--size" -> size = size(value(args, ++i, a));
                case "--mode" -> mode = Mode.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--tools" -> tools = List.of(value(args, ++i, a).split(","));
                case "--file" -> file = Path.of(value(args, ++i, a));
                case "--baseline" -> baseline = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--quiet-below" -> quietPercent = Double.parseDouble(value(args, ++i, a));
                case "--quiet-wait" -> quietWait = Long.parseLong(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (final String t : tools)
        {
            if (!KNOWN_TOOLS.contains(t))
            {
                throw new IllegalArgumentException("unknown tool " + t + " (" + String.join(", ", KNOWN_TOOLS) + ")");
            }
            if (t.equals("baseline") && null == baseline)
            {
                throw new IllegalArgumentException("the baseline tool needs --baseline DIR");
            }
        }
        if (null == out)
        {
            // A sanity check must not overwrite the recorded results.
            out = quick ? work.resolve("quick-results") : home.resolve(scale ? "bench/results/scale" : "bench/results");
        }
        if (runs < 1)
        {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (null != baseline && !tools.contains("baseline"))
        {
            tools = java.util.stream.Stream.concat(tools.stream(), java.util.stream.Stream.of("baseline")).toList();
        }
        return new Options(receivers, gbe, runs, size, mode, tools, file, out, work, home, quietPercent, quietWait,
            baseline);
    }

    private static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static List<Integer> ints(final String csv)
    {
        final List<Integer> list = new ArrayList<>();
        if (!csv.isBlank() && !csv.equals("none"))
        {
            Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).forEach(list::add);
        }
        for (final int n : list)
        {
            if (n < 1 || n > 64)
            {
                throw new IllegalArgumentException("receiver counts are 1..64, got " + n);
            }
        }
        return list;
    }

    /** Parses {@code 1G}, {@code 256M}, {@code 64K} or a plain byte count. */
    static long size(final String s)
    {
        final String t = s.trim().toUpperCase(Locale.ROOT);
        final char unit = t.charAt(t.length() - 1);
        final int shift = switch (unit)
        {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        final String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) << shift;
    }
}
