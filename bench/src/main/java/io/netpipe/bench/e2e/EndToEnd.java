package io.netpipe.bench.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The end-to-end benchmark: for each scenario of the matrix, build the lab, run each tool once to verify every
 * receiver's SHA-256, then time {@code --runs} runs per tool, interleaved; print the table of medians and write it as
 * Markdown, CSV and a PNG chart to {@code bench/results/}. Needs root (network namespaces) and GNU time.
 */
public final class EndToEnd
{
    private EndToEnd()
    {
    }

    /**
     * @param args see {@link Options#USAGE}.
     * @throws Exception on a failure of the lab itself (a tool's failure is a table entry, not an exception).
     */
    public static void main(final String[] args) throws Exception
    {
        final Path home = Path.of(System.getProperty("netpipe.home", ".")).toAbsolutePath().normalize();
        if (List.of(args).contains("--help") || List.of(args).contains("-h"))
        {
            System.out.print(Options.USAGE);
            return;
        }
        final Options opts;
        try
        {
            opts = Options.parse(args, home);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("e2e: " + ex.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        preflight(opts);

        final List<Tool> tools = new ArrayList<>();
        for (final String t : opts.tools())
        {
            tools.add(switch (t)
            {
                case "netpipe" -> NetpipeTool.of("netpipe", home.resolve("bin/netpipe"));
                case "netpipe-keyed" -> NetpipeTool.keyed("netpipe-keyed", home.resolve("bin/netpipe"),
                    keygen(home.resolve("bin/netpipe"), opts.work()));
                case "baseline" -> NetpipeTool.of("baseline", opts.baseline().resolve("bin/netpipe"));
                case "blaster" -> new BlasterTool(Path.of(System.getProperty("java.home"), "bin", "java"),
                    Path.of(System.getProperty("java.class.path")));
                default -> new UdpcastTool();
            });
        }
        Files.createDirectories(opts.work());
        Files.createDirectories(opts.out());
        final Path file = opts.file() != null ? opts.file() : randomFile(opts.work(), opts.size());
        final long size = Files.size(file);
        final String sha = Hashes.sha256(file);
        final String startLoad = Files.readString(Path.of("/proc/loadavg")).strip();
        final String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        System.out.printf("e2e: %s, %d bytes, sha256 %s; load average at start: %s%n", file, size, sha, startLoad);

        final List<Scenario> scenarios = Scenario.matrix(opts.receivers(), opts.gbe());
        final List<RunResult> results = new ArrayList<>();
        final Report report = new Report();
        final Report againstBaseline = new Report("netpipe", "baseline");
        final Report againstCeiling = new Report("netpipe", "blaster");
        final Report keyedAgainstUnkeyed = new Report("netpipe-keyed", "netpipe");
        // A lab of its own (the pid in its name): someone's "lab.sh down" for the default lab cannot tear it down.
        // NPLAB_PREFIX and NPLAB_NET, if set, name it instead.
        final String prefix = System.getenv().getOrDefault("NPLAB_PREFIX", "npe" + ProcessHandle.current().pid());
        try (Lab lab = new Lab(home.resolve("bench/lab.sh"), prefix, System.getenv().getOrDefault("NPLAB_NET",
            "10.213.7")))
        {
            // A Ctrl-C must not leave namespaces behind.
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
            for (final Scenario s : scenarios)
            {
                lab.build(s);
                final Path dir = opts.work().resolve("runs/n" + s.receivers() + "-" + s.lossAllPermille() + "-"
                    + s.lossOnePermille() + (s.gbe() ? "-gbe" : ""));
                final Trial trial = new Trial(lab, file, sha, dir);
                final List<RunResult> mine = new ArrayList<>();
                for (int run = 0; run <= opts.runs(); run++)
                {
                    final List<Tool> order = new ArrayList<>(tools);
                    if (run % 2 == 1)
                    {
                        Collections.reverse(order);
                    }
                    for (final Tool t : order)
                    {
                        // Others share this machine: start each run when it is quiet, or say that it was not.
                        final double busy = Quiet.await(opts.quietPercent(), opts.quietWaitSeconds());
                        final RunResult r = trial.run(t, s, opts.mode(), run, run == 0, busy);
                        print(r);
                        mine.add(r);
                    }
                }
                results.addAll(mine);
                report.add(new Report.Row(s, cell("netpipe", s, mine), cell("udpcast", s, mine)));
                againstBaseline.add(new Report.Row(s, cell("netpipe", s, mine), cell("baseline", s, mine)));
                againstCeiling.add(new Report.Row(s, cell("netpipe", s, mine), cell("blaster", s, mine)));
                keyedAgainstUnkeyed.add(new Report.Row(s, cell("netpipe-keyed", s, mine), cell("netpipe", s, mine)));
            }
        }
        final String endLoad = Files.readString(Path.of("/proc/loadavg")).strip();

        final String title = String.format(Locale.ROOT, "netpipe vs udpcast, %s, %s, MTU 1500, veth lab",
            opts.mode().name().toLowerCase(Locale.ROOT), human(size));
        final String conditions = conditions(opts, size, started, startLoad, endLoad, results);
        final String md = conditions + "\n" + report.markdown() + (null == opts.baseline() ? "" :
            "\nThis build against the baseline (" + opts.baseline() + "):\n\n" + againstBaseline.markdown())
            + (!opts.tools().contains("blaster") ? "" : "\nnetpipe against the ceiling (the bare blaster: the same"
            + " transport and datagram size, no protocol; its MB/s count what its slowest receiver got):\n\n"
            + againstCeiling.markdown()) +
            (opts.tools().contains("netpipe-keyed") ?
                "\nKeyed (--key-file, AES-256-GCM) against unkeyed, this build:\n\n" + keyedAgainstUnkeyed.markdown() :
                "");
        System.out.println();
        System.out.print(md);
        final String base = "e2e-" + opts.mode().name().toLowerCase(Locale.ROOT);
        Files.writeString(opts.out().resolve(base + ".md"), md);
        report.writeCsv(opts.out().resolve(base + ".csv"));
        Report.writeRunsCsv(opts.out().resolve(base + "-runs.csv"), results);
        Chart.write(report.rows(), title, opts.out().resolve(base + ".png"));
        System.out.println("\ne2e: wrote " + opts.out().resolve(base + ".{md,csv,png}") + " and " + base + "-runs.csv");
    }

    private static Cell cell(final String tool, final Scenario s, final List<RunResult> runs)
    {
        final List<RunResult> mine = runs.stream().filter(r -> r.tool().equals(tool)).toList();
        return mine.isEmpty() ? null : Cell.of(tool, s, mine);
    }

    private static void print(final RunResult r)
    {
        System.out.printf(Locale.ROOT, "  N=%-2d %-16s %-8s %s  %6.1f MB/s  %5.2f s  tx %.2f cpu-s  rx %.2f cpu-s"
                + "  rexmit %.1f%%%s  ready in %.1f s  busy before %.0f%% %s%n",
            r.scenario().receivers(), r.scenario().condition(), r.tool(), r.run() == 0 ? "verify" : "run " + r.run(),
            r.megabytesPerSecond(), r.seconds(), r.senderCpuSeconds(), r.receiverCpuSeconds(),
            r.retransmittedPercent(), r.dataDatagrams() < 0 ? "" : String.format(Locale.ROOT,
                "  feedback %d / data %d datagrams on the wire (%.2f%%)", r.feedbackDatagrams(), r.dataDatagrams(),
                r.feedbackPercent()), r.readySeconds(), r.busyBeforePercent(), r.ok() ? "" : "FAILED: " + r.failure());
    }

    private static void preflight(final Options opts) throws IOException
    {
        final List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name")))
        {
            missing.add("root (network namespaces)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/time")))
        {
            missing.add("GNU time (apt-get install time)");
        }
        if (opts.tools().contains("udpcast") && !onPath("udp-sender"))
        {
            missing.add("udpcast (apt-get install udpcast)");
        }
        final boolean netpipe = opts.tools().contains("netpipe") || opts.tools().contains("netpipe-keyed");
        if (netpipe && !Files.exists(opts.home().resolve("cli/target/netpipe.jar")))
        {
            missing.add("cli/target/netpipe.jar (mvn -q -DskipTests package)");
        }
        if (!missing.isEmpty())
        {
            System.err.println("e2e: needs " + String.join(", ", missing));
            System.exit(2);
        }
    }

    /**
     * Writes a fresh pre-shared key into the work directory with the launcher's own {@code keygen} (mode 0600, as
     * {@code --key-file} demands), replacing the one of an earlier run.
     */
    private static Path keygen(final Path launcher, final Path work) throws IOException, InterruptedException
    {
        Files.createDirectories(work);
        final Path key = work.resolve("e2e.key");
        final Process p = new ProcessBuilder(launcher.toString(), "keygen", "--force", key.toString())
            .redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0)
        {
            throw new IOException("netpipe keygen failed: " + out.strip());
        }
        return key;
    }

    private static boolean onPath(final String command)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        {
            if (Files.isExecutable(Path.of(dir, command)))
            {
                return true;
            }
        }
        return false;
    }

    /** Random bytes, generated once per size and reused (a fixed seed: every run sends the same file). */
    private static Path randomFile(final Path work, final long size) throws IOException
    {
        final Path file = work.resolve("random-" + size + ".bin");
        if (Files.exists(file) && Files.size(file) == size)
        {
            return file;
        }
        final Path tmp = work.resolve("random-" + size + ".tmp");
        final SplittableRandom random = new SplittableRandom(0x6e657470697065L);
        final byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(tmp))
        {
            for (long left = size; left > 0; left -= buf.length)
            {
                for (int i = 0; i < buf.length; i += 8)
                {
                    final long v = random.nextLong();
                    for (int b = 0; b < 8; b++)
                    {
                        buf[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(buf, 0, (int) Math.min(left, buf.length));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static String human(final long size)
    {
        if (size % (1L << 30) == 0)
        {
            return (size >> 30) + " GiB";
        }
        return size % (1L << 20) == 0 ? (size >> 20) + " MiB" : size + " bytes";
    }

    private static String conditions(final Options opts, final long size, final String started, final String startLoad,
        final String endLoad, final List<RunResult> results) throws IOException
    {
        final String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        final double[] busy = results.stream().mapToDouble(RunResult::busyBeforePercent).filter(d -> !Double.isNaN(d))
            .sorted().toArray();
        final long noisy = results.stream().filter(r -> r.busyBeforePercent() > opts.quietPercent()).count();
        final String quiet = busy.length == 0 ? "not sampled" : String.format(Locale.ROOT,
            "median %.0f%%, max %.0f%%; %d of %d runs started above %.0f%% after waiting up to %d s",
            busy[busy.length / 2], busy[busy.length - 1], noisy, results.size(), opts.quietPercent(),
            opts.quietWaitSeconds());
        return String.format(Locale.ROOT, """
            Taken %s on %d cores, kernel %s, %s %s. %s of random data, %s, MTU 1500, UDP GSO off on the sender.
            Each cell: median of %d timed runs per tool, tools interleaved, receivers writing to /dev/null; one extra
            verification run per tool and scenario compared every receiver's SHA-256. MB/s = 10^6 bytes per second of
            wall-clock time from the sender's start to the last process's exit (netpipe's JVM start-up included).
            CPU seconds: user + system (GNU time). Other work on the machine in the second before each run (CPU busy):
            %s. Load average before: %s; after: %s.
            """,
            started, Runtime.getRuntime().availableProcessors(), kernel, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), human(size), opts.mode().name().toLowerCase(Locale.ROOT),
            opts.runs(), quiet, startLoad, endLoad);
    }
}
