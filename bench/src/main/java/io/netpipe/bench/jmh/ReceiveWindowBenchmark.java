package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import io.netpipe.receiver.ReceiveWindow;
import io.netpipe.protocol.StatusFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The receiver's window bookkeeping per arriving packet ({@link ReceiveWindow#slotFor} then {@link ReceiveWindow#mark})
 * for a stream of {@value #BATCH} packets in order, and with 1% of them lost and repaired after the rest of the batch,
 * plus writing a STATUS frame's missing ranges (the receiver does that every 5 ms). The baseline is a {@link BitSet}
 * doing the same in-order bookkeeping. Results are packets per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReceiveWindowBenchmark
{
    private static final int BATCH = 4096;
    private static final int SLOTS = 32 * 1024 * 1024 / 1452;

    private ReceiveWindow window;
    private BitSet bits;
    private StatusFrame status;
    private long base;

    /** A window of 23,109 slots: a 32 MiB buffer at MTU 1500 (the receiver's default before it became 48 MiB). */
    @Setup
    public void setUp()
    {
        window = new ReceiveWindow(SLOTS);
        bits = new BitSet(SLOTS);
        status = new StatusFrame();
        status.wrap(ByteBuffer.allocateDirect(StatusFrame.MAX_LENGTH));
    }

    /** @return the contiguous position after a batch of packets arriving in order. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long inOrder()
    {
        final long writer = window.contiguous();
        for (long seq = base; seq < base + BATCH; seq++)
        {
            if (window.slotFor(seq, writer) >= 0)
            {
                window.mark(seq, 0);
            }
        }
        base += BATCH;
        return window.contiguous();
    }

    /**
     * @return the contiguous position after a batch where every 100th packet is lost, a STATUS lists the gaps,
     *     and the repairs arrive.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long onePercentLossWithRepair()
    {
        final long writer = window.contiguous();
        for (long seq = base; seq < base + BATCH; seq++)
        {
            if (seq % 100 != 0 && window.slotFor(seq, writer) >= 0)
            {
                window.mark(seq, 0);
            }
        }
        status.write(1, 0, 7L, window.contiguous(), window.windowEnd(writer), 0, 0);
        window.writeMissing(status, StatusFrame.MAX_RANGES, window.highest());
        for (long seq = base - base % 100 + (base % 100 == 0 ? 0 : 100); seq < base + BATCH; seq += 100)
        {
            if (window.slotFor(seq, writer) >= 0)
            {
                window.mark(seq, 0);
            }
        }
        base += BATCH;
        return window.contiguous() + status.rangeCount();
    }

    /** @return the first clear bit after a batch marked in order in a ring of bits: the floor of any bookkeeping. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long bitSetBaseline()
    {
        for (long seq = base; seq < base + BATCH; seq++)
        {
            bits.set((int)(seq % SLOTS));
        }
        base += BATCH;
        if (bits.cardinality() > SLOTS / 2)
        {
            bits.clear();
        }
        return bits.nextClearBit(0);
    }
}
