package io.netpipe.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How a fresh JVM's sealing warms up: {@link SealingBenchmark#sealAndVerify} over 200,000 frames of 1472 bytes in one
 * thread, timed per 5,000 frames from the first one on, with this thread's CPU time in total. A short keyed transfer
 * runs much of its AES-GCM before C2 has compiled the JDK's intrinsics; this shows how much. One JVM per run:
 * {@code $JAVA_HOME/bin/java -cp bench/target/benchmarks.jar io.netpipe.bench.jmh.SealingWarmUp keyed|unkeyed}
 * (JIT options before {@code -cp} apply).
 */
public final class SealingWarmUp
{
    private static final int CHUNK = 5_000;
    private static final int CHUNKS = 40;

    private SealingWarmUp()
    {
    }

    /** @param args {@code keyed} (the default) or {@code unkeyed}. */
    public static void main(final String[] args)
    {
        final SealingBenchmark bench = new SealingBenchmark();
        bench.packetSize = 1472;
        bench.sealing = args.length > 0 ? args[0] : "keyed";
        bench.setUp();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (int chunk = 0; chunk < CHUNKS; chunk++)
        {
            final long start = System.nanoTime();
            for (int i = 0; i < CHUNK; i++)
            {
                sink += bench.sealAndVerify();
            }
            final double usPerFrame = (System.nanoTime() - start) / 1e3 / CHUNK;
            if (chunk < 8 || chunk % 8 == 7)
            {
                System.out.printf("frames %,7d: %6.2f us per seal + verify%n", (chunk + 1) * CHUNK, usPerFrame);
            }
        }
        System.out.printf("%s: %,d frames, %.2f s of this thread's CPU (checksum %d)%n", bench.sealing,
            CHUNK * CHUNKS, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9, sink);
    }
}
