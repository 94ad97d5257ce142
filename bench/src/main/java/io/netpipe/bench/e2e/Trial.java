package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run: start the receivers in their namespaces, wait until each has bound its socket ({@link Readiness}), zero
 * the sender's wire counters, start the sender, and wait for all of them. Every process runs under GNU time, which reports its CPU seconds. In a verification run each
 * receiver's stdout is hashed with SHA-256 here; otherwise it goes to /dev/null.
 */
final class Trial
{
    private static final String TIME = "/usr/bin/time";
    private static final int PORT = 9000;

    private final Lab lab;
    private final Path file;
    private final String expectedSha256;
    private final Path workDir;

    /**
     * @param lab            the lab, already built for the scenario.
     * @param file           the file every sender sends.
     * @param expectedSha256 its digest, lower-case hex.
     * @param workDir        where the runs keep their stderr and timing files.
     */
    Trial(final Lab lab, final Path file, final String expectedSha256, final Path workDir)
    {
        this.lab = lab;
        this.file = file;
        this.expectedSha256 = expectedSha256;
        this.workDir = workDir;
    }

    /**
     * @param tool       the tool.
     * @param scenario   the scenario the lab was built for.
     * @param mode       multicast or broadcast.
     * @param run        the run's number, 0 for the verification run.
     * @param verify     whether to hash every receiver's output (else it goes to /dev/null).
     * @param busyBefore how busy the machine was just before, in percent (recorded with the result).
     * @return the result; a tool's failure is a result, not an exception.
     * @throws IOException if a process cannot be started.
     * @throws InterruptedException if interrupted.
     */
    RunResult run(final Tool tool, final Scenario scenario, final Mode mode, final int run, final boolean verify,
        final double busyBefore) throws IOException, InterruptedException
    {
        final Path dir = workDir.resolve(tool.name() + "-" + run);
        Files.createDirectories(dir);
        final long size = Files.size(file);
        final int n = scenario.receivers();
        final List<Process> receivers = new ArrayList<>();
        final List<CompletableFuture<String>> digests = new ArrayList<>();
        final List<Process> all = new ArrayList<>();
        try
        {
            final long firstStartNs = System.nanoTime();
            for (int i = 1; i <= n; i++)
            {
                final ProcessBuilder pb = new ProcessBuilder(timed(lab.receiverNamespace(i), dir.resolve("rx" + i + ".time"),
                    tool.receiverCommand(mode)))
                    .redirectError(dir.resolve("rx" + i + ".err").toFile())
                    .redirectOutput(verify ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
                final Process p = pb.start();
                receivers.add(p);
                all.add(p);
                digests.add(verify ? Hashes.sha256Async(p.getInputStream()) : CompletableFuture.completedFuture(""));
            }
            final Readiness ready = Readiness.await(receivers, PORT, firstStartNs);
            if (ready.notReady() > 0)
            {
                return failed(tool, scenario, run, ready.notReady(), ready.why() + "; stderr in " + dir, busyBefore);
            }
            final OptionalInt feedbackPort = tool.feedbackPort(PORT);
            if (feedbackPort.isPresent())
            {
                lab.resetSenderCounters(PORT, feedbackPort.getAsInt());
            }

            final ProcessBuilder spb = new ProcessBuilder(timed(lab.senderNamespace(), dir.resolve("tx.time"),
                tool.senderCommand(file, n, mode, lab, dir.resolve("tx.json"))))
                .redirectError(dir.resolve("tx.err").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            final long startNs = System.nanoTime();
            final Process sender = spb.start();
            all.add(sender);

            final List<CompletableFuture<Long>> exits = new ArrayList<>();
            for (final Process p : all)
            {
                exits.add(p.onExit().thenApply(x -> System.nanoTime()));
            }
            // 5 MB/s for up to 8 receivers, proportionally slower beyond (64 share 2 cores), plus a minute.
            final long timeoutS = 60 + size / 5_000_000 * Math.max(1, n / 8);
            try
            {
                CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(timeoutS, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                final int unserved = (int) receivers.stream().filter(p -> p.isAlive() || p.exitValue() != 0).count();
                return failed(tool, scenario, run, unserved, "timed out after " + timeoutS + " s, " + unserved
                    + " of " + n + " receivers unserved; stderr in " + dir, busyBefore);
            }
            catch (final ExecutionException ex)
            {
                throw new IOException(ex.getCause());
            }
            long endNs = startNs;
            for (final CompletableFuture<Long> e : exits)
            {
                endNs = Math.max(endNs, e.join());
            }

            final StringBuilder failures = new StringBuilder();
            if (sender.exitValue() != 0)
            {
                failures.append("sender exit ").append(sender.exitValue()).append("; ");
            }
            double rxCpu = 0;
            double delivered = 1;
            int unserved = 0;
            for (int i = 1; i <= n; i++)
            {
                final int rc = receivers.get(i - 1).exitValue();
                boolean served = rc == 0;
                if (rc != 0)
                {
                    failures.append("rx").append(i).append(" exit ").append(rc).append("; ");
                }
                if (!tool.deliversStream())
                {
                    // The ceiling repairs nothing: its rate counts only what the slowest receiver got.
                    final var got = tool.deliveredFraction(Files.readString(dir.resolve("rx" + i + ".err"),
                        StandardCharsets.ISO_8859_1));
                    if (got.isEmpty())
                    {
                        failures.append("rx").append(i).append(" reported nothing; ");
                    }
                    delivered = Math.min(delivered, got.orElse(0));
                }
                else if (verify)
                {
                    final String digest = digests.get(i - 1).join();
                    if (!expectedSha256.equals(digest))
                    {
                        failures.append("rx").append(i).append(" sha256 mismatch; ");
                        served = false;
                    }
                }
                unserved += served ? 0 : 1;
                rxCpu += cpuSeconds(dir.resolve("rx" + i + ".time"));
            }
            final String senderErr = Files.readString(dir.resolve("tx.err"), StandardCharsets.ISO_8859_1);
            final double seconds = (endNs - startNs) / 1e9;
            final boolean ok = failures.isEmpty();
            final long[] wire = feedbackPort.isPresent() ? lab.senderCounters() : new long[] {-1, -1};
            return new RunResult(tool.name(), scenario, run, ok,
                ok ? "" : failures + "stderr in " + dir, unserved, ready.seconds(),
                seconds, delivered * size / 1e6 / seconds,
                cpuSeconds(dir.resolve("tx.time")), rxCpu / n,
                tool.retransmittedPercent(senderErr, dir.resolve("tx.json")).orElse(Double.NaN), busyBefore,
                wire[0], wire[1]);
        }
        finally
        {
            for (final Process p : all)
            {
                kill(p);
            }
        }
    }

    private static RunResult failed(final Tool tool, final Scenario scenario, final int run, final int unserved,
        final String why, final double busyBefore)
    {
        return new RunResult(tool.name(), scenario, run, false, why, unserved, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, busyBefore, -1, -1);
    }

    /** {@code ip netns exec NS /usr/bin/time -f "%e %U %S" -o TIMEFILE COMMAND...}. */
    private static List<String> timed(final String namespace, final Path timeFile, final List<String> command)
    {
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
            TIME, "-f", "%e %U %S", "-o", timeFile.toString()));
        cmd.addAll(command);
        return cmd;
    }

    /** Reads GNU time's {@code "%e %U %S"} line (the last line: a non-zero exit adds one before it). */
    private static double cpuSeconds(final Path timeFile) throws IOException
    {
        if (!Files.exists(timeFile))
        {
            return Double.NaN;
        }
        final List<String> lines = Files.readAllLines(timeFile);
        if (lines.isEmpty())
        {
            return Double.NaN;
        }
        final String[] f = lines.getLast().trim().split("\\s+");
        try
        {
            return Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
        }
        catch (final RuntimeException ex)
        {
            return Double.NaN;
        }
    }

    private static void kill(final Process p)
    {
        if (p.isAlive())
        {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
