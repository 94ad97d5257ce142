package io.netpipe.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@link FecBenchmark}'s operations timed in this thread's CPU time instead of wall time (on a shared, busy machine
 * JMH's wall-clock averages measure the load more than the code): encoding one parity packet over a block of 128
 * payloads of 1452 bytes (a general index, index 0, and version 4's table loop), and decoding 1 and 4 erasures of a
 * block (from general indexes, from the first indexes, and version 4's way), in interleaved rounds in one JVM.
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

    private record Operation(String name, LongSupplier run)
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
        final List<Operation> operations = List.of(
            new Operation("encode one parity packet (index 7)", one::encodeOneParityPacket),
            new Operation("encode parity 0 (XOR)", one::encodeParityZero),
            new Operation("baseline encode (v4 table)", one::baselineEncodeOneParityPacket),
            new Operation("decode 1 erasure (index 1)", one::decodeErasures),
            new Operation("decode 1 erasure (index 0: XOR)", one::decodeErasuresFromFirstParities),
            new Operation("baseline decode 1 (v4 table)", one::baselineDecodeErasures),
            new Operation("decode 4 erasures (indexes 1, 4, 7, 10)", four::decodeErasures),
            new Operation("decode 4 erasures (indexes 0-3)", four::decodeErasuresFromFirstParities),
            new Operation("baseline decode 4 (v4 table)", four::baselineDecodeErasures));
        final long[] best = new long[operations.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++)
        {
            for (int o = 0; o < operations.size(); o++)
            {
                final LongSupplier run = operations.get(o).run();
                final long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < OPS_PER_ROUND; i++)
                {
                    sink += run.getAsLong();
                }
                final long t1 = threads.getCurrentThreadCpuTime();
                if (round >= WARM_UP_ROUNDS)
                {
                    best[o] = Math.min(best[o], (t1 - t0) / OPS_PER_ROUND);
                }
            }
        }
        System.out.printf("CPU us per operation, best round of %d (sink %d):%n", rounds, sink & 1);
        for (int o = 0; o < operations.size(); o++)
        {
            System.out.printf("  %-42s %8.1f%n", operations.get(o).name(), best[o] / 1000.0);
        }
    }

    private static FecBenchmark bench(final int erasures)
    {
        final FecBenchmark bench = new FecBenchmark();
        bench.erasures = erasures;
        bench.setUp();
        return bench;
    }
}
