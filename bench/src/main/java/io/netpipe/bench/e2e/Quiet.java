package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine is with work that is not the benchmark's: sampled from {@code /proc/stat} between runs,
 * when none of the benchmark's processes are alive. The load average cannot say this (it counts the benchmark's own
 * processes, and lags by a minute).
 */
final class Quiet
{
    private static final long SAMPLE_MS = 1000;

    private Quiet()
    {
    }

    /**
     * Waits until the CPUs were at most {@code maxBusyPercent} busy during a one-second sample, or until
     * {@code maxWaitSeconds} have passed.
     *
     * @param maxBusyPercent busy share of all CPUs that counts as quiet.
     * @param maxWaitSeconds give up waiting after this long (0: sample once and return).
     * @return the busy share of the last sample, in percent.
     * @throws InterruptedException if interrupted.
     */
    static double await(final double maxBusyPercent, final long maxWaitSeconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + maxWaitSeconds * 1_000_000_000L;
        double busy;
        do
        {
            busy = busyPercent();
        }
        while (busy > maxBusyPercent && System.nanoTime() < deadline);
        return busy;
    }

    /** @return the busy share of all CPUs over the next second, in percent (NaN if /proc/stat is unreadable). */
    static double busyPercent() throws InterruptedException
    {
        final long[] a = ticks();
        Thread.sleep(SAMPLE_MS);
        final long[] b = ticks();
        if (a == null || b == null || b[1] == a[1])
        {
            return Double.NaN;
        }
        return 100.0 * (b[0] - a[0]) / (b[1] - a[1]);
    }

    /** @return {busy, total} jiffies of the "cpu" line: idle and iowait count as not busy. */
    private static long[] ticks()
    {
        try
        {
            final String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++)
            {
                total += Long.parseLong(f[i]);
            }
            final long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
