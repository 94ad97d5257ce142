package io.netpipe.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SealingBenchmark}'s operations timed in this thread's CPU time instead of wall time: on a machine shared
 * with other work, JMH's wall-clock averages swing by 10x between runs (errors larger than the scores), while the
 * CPU time a thread spends per frame stays within a few percent. Unkeyed and keyed, 1472- and 8972-byte frames,
 * all measured in interleaved rounds in one JVM, so their ratios are comparable.
 * <p>
 * Run: {@code $JAVA_HOME/bin/java -cp bench/target/benchmarks.jar io.netpipe.bench.jmh.SealingCpuTime [rounds]}.
 */
public final class SealingCpuTime
{
    private static final int FRAMES_PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 10;

    private SealingCpuTime()
    {
    }

    /**
     * @param args optionally the number of measured rounds (default 30).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final List<SealingBenchmark> cases = new ArrayList<>();
        for (final int packetSize : new int[] {1472, 8972})
        {
            for (final String sealing : new String[] {"unkeyed", "keyed"})
            {
                final SealingBenchmark bench = new SealingBenchmark();
                bench.packetSize = packetSize;
                bench.sealing = sealing;
                bench.setUp();
                cases.add(bench);
            }
        }
        final long[] sealNs = new long[cases.size()];
        final long[] bothNs = new long[cases.size()];
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++)
        {
            final boolean measured = round >= WARM_UP_ROUNDS;
            for (int c = 0; c < cases.size(); c++)
            {
                final SealingBenchmark bench = cases.get(c);
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < FRAMES_PER_ROUND; i++)
                {
                    sink += bench.seal();
                }
                final long mid = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < FRAMES_PER_ROUND; i++)
                {
                    sink += bench.sealAndVerify();
                }
                final long end = threads.getCurrentThreadCpuTime();
                if (measured)
                {
                    sealNs[c] += mid - start;
                    bothNs[c] += end - mid;
                }
            }
        }
        final double frames = (double)rounds * FRAMES_PER_ROUND;
        System.out.printf("%-8s %-8s %14s %22s%n", "packet", "sealing", "seal ns (CPU)", "seal+verify ns (CPU)");
        for (int c = 0; c < cases.size(); c++)
        {
            System.out.printf("%-8d %-8s %14.0f %22.0f%n", cases.get(c).packetSize, cases.get(c).sealing,
                sealNs[c] / frames, bothNs[c] / frames);
        }
        if (sink == 42)
        {
            System.out.println();
        }
    }
}
