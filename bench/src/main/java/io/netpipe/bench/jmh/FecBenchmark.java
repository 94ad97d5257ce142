package io.netpipe.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.netpipe.protocol.fec.CauchyCode;

/**
 * The CPU cost of repairs by parity, with the code the sender and the receiver run: encoding one parity packet over
 * a block of 128 payloads of 1452 bytes (MTU 1500), and decoding {@code erasures} lost payloads of a block (taking
 * the held payloads' shares out of as many parity packets, inverting the matrix, rebuilding). Nanoseconds per
 * operation; divide by 128 for the cost per DATA packet of the block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FecBenchmark
{
    private static final int K = 128;
    private static final int PAYLOAD = 1452;

    /** Lost payloads a decode rebuilds. */
    @Param({"1", "4"})
    public int erasures;

    private final CauchyCode code = new CauchyCode();
    private byte[][] data;
    private byte[][] parity;
    private byte[][] work;
    private int[] parities;
    private int[] lost;
    private byte[] out;

    /** A block of random payloads and the parity packets the decode starts from. */
    @Setup
    public void setUp()
    {
        final Random random = new Random(14);
        data = new byte[K][PAYLOAD];
        for (final byte[] payload : data)
        {
            random.nextBytes(payload);
        }
        parities = new int[erasures];
        lost = new int[erasures];
        parity = new byte[erasures][];
        work = new byte[erasures][PAYLOAD];
        for (int r = 0; r < erasures; r++)
        {
            parities[r] = 3 * r + 1;
            lost[r] = 17 * r + 5;
            parity[r] = encodeInto(parities[r], new byte[PAYLOAD]);
        }
        out = new byte[PAYLOAD];
    }

    private byte[] encodeInto(final int index, final byte[] target)
    {
        java.util.Arrays.fill(target, (byte)0);
        for (int i = 0; i < K; i++)
        {
            CauchyCode.addToParity(index, i, data[i], 0, PAYLOAD, target);
        }
        return target;
    }

    /** @return a byte of the parity, so the work is not optimised away. */
    @Benchmark
    public byte encodeOneParityPacket()
    {
        return encodeInto(7, out)[0];
    }

    /** @return a byte of the last payload rebuilt. */
    @Benchmark
    public byte decodeErasures()
    {
        for (int r = 0; r < erasures; r++)
        {
            System.arraycopy(parity[r], 0, work[r], 0, PAYLOAD);
        }
        for (int i = 0; i < K; i++)
        {
            if (!isLost(i))
            {
                for (int r = 0; r < erasures; r++)
                {
                    CauchyCode.addToParity(parities[r], i, data[i], 0, PAYLOAD, work[r]);
                }
            }
        }
        code.prepare(parities, lost, erasures);
        for (int s = 0; s < erasures; s++)
        {
            code.recover(s, work, erasures, PAYLOAD, out);
        }
        return out[0];
    }

    private boolean isLost(final int index)
    {
        for (final int l : lost)
        {
            if (l == index)
            {
                return true;
            }
        }
        return false;
    }
}
