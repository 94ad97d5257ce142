package io.netpipe.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link FecBenchmark}'s operations timed in this thread's CPU time instead of wall time (on a shared, busy machine
 * JMH's wall-clock averages measure the load more than the code): encoding one parity packet over a block of 128
 * payloads of 1452 bytes, and decoding 1 and 4 erasures of a block, in interleaved rounds in one JVM.
 * <p>
 * Run: {@code $JAVA_HOME/bin/java -cp bench/target/benchmarks.jar io.netpipe.bench.jmh.FecCpuTime [rounds]}.
 */
public final class FecCpuTime
{
    private static final int OPS_PER_ROUND = 200;
    private static final int WARM_UP_ROUNDS = 20;

    private FecCpuTime()
    {
    }

    /**
     * @param args optionally the number of measured rounds (default 20).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final FecBenchmark one = bench(1);
        final FecBenchmark four = bench(4);
        final long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++)
        {
            final long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS_PER_ROUND; i++)
            {
                sink += one.encodeOneParityPacket();
            }
            final long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS_PER_ROUND; i++)
            {
                sink += one.decodeErasures();
            }
            final long t2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS_PER_ROUND; i++)
            {
                sink += four.decodeErasures();
            }
            final long t3 = threads.getCurrentThreadCpuTime();
            if (round >= WARM_UP_ROUNDS)
            {
                best[0] = Math.min(best[0], (t1 - t0) / OPS_PER_ROUND);
                best[1] = Math.min(best[1], (t2 - t1) / OPS_PER_ROUND);
                best[2] = Math.min(best[2], (t3 - t2) / OPS_PER_ROUND);
            }
        }
        System.out.printf("CPU ns per operation (best round of %d): encode one parity packet %d (%d per DATA packet " +
            "of the block), decode 1 erasure %d, decode 4 erasures %d (sink %d)%n", rounds, best[0], best[0] / 128,
            best[1], best[2], sink & 1);
    }

    private static FecBenchmark bench(final int erasures)
    {
        final FecBenchmark bench = new FecBenchmark();
        bench.erasures = erasures;
        bench.setUp();
        return bench;
    }
}
