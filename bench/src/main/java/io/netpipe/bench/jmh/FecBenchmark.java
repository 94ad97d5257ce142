package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
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
import io.netpipe.protocol.fec.Words;

/**
 * The CPU cost of repairs by parity, with the code the sender and the receiver run: encoding one parity packet over
 * a block of 128 payloads of 1452 bytes (MTU 1500) held in direct buffers, each copied out and packed into words on
 * the way as the sender does the first time it encodes a block, and decoding {@code erasures} lost payloads of a
 * block (packing the held payloads, taking their shares out of as many parity packets, inverting the matrix,
 * rebuilding, unpacking). The {@code baseline} methods run the same operations the way version 4 did, a 64 KiB-table
 * lookup per byte over byte arrays (still here as the reference definition), so one run compares both. Nanoseconds
 * per operation; divide by 128 for the cost per DATA packet of the block. The encodes do not depend on
 * {@code erasures}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FecBenchmark
{
    private static final int K = 128;
    private static final int PAYLOAD = 1452;
    private static final int WORDS = Words.words(PAYLOAD);

    /** Lost payloads a decode rebuilds. */
    @Param({"1", "4"})
    public int erasures;

    private final CauchyCode code = new CauchyCode();
    private byte[][] data;
    private ByteBuffer[] frames;
    private byte[][] parity;
    private byte[][] work;
    private long[][] packedParity;
    private long[][] packedWork;
    private int[] parities;
    private int[] firstParities;
    private long[][] packedFirstParity;
    private int[] lost;
    private byte[] out;
    private byte[] scratch;
    private long[] source;
    private long[] packedOut;

    /** A block of random payloads and the parity packets the decode starts from. */
    @Setup
    public void setUp()
    {
        final Random random = new Random(14);
        data = new byte[K][PAYLOAD];
        frames = new ByteBuffer[K];
        for (int i = 0; i < K; i++)
        {
            random.nextBytes(data[i]);
            frames[i] = ByteBuffer.allocateDirect(PAYLOAD).put(0, data[i]);
        }
        parities = new int[erasures];
        lost = new int[erasures];
        parity = new byte[erasures][];
        work = new byte[erasures][PAYLOAD];
        packedParity = new long[erasures][WORDS];
        packedWork = new long[erasures][WORDS];
        firstParities = new int[erasures];
        packedFirstParity = new long[erasures][WORDS];
        for (int r = 0; r < erasures; r++)
        {
            parities[r] = 3 * r + 1;
            lost[r] = 17 * r + 5;
            parity[r] = encodeInto(parities[r], new byte[PAYLOAD]);
            Words.load(parity[r], 0, PAYLOAD, packedParity[r], WORDS);
            firstParities[r] = r;
            Words.load(encodeInto(r, new byte[PAYLOAD]), 0, PAYLOAD, packedFirstParity[r], WORDS);
        }
        out = new byte[PAYLOAD];
        scratch = new byte[PAYLOAD];
        source = new long[WORDS];
        packedOut = new long[WORDS];
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

    private long encodePacked(final int index)
    {
        java.util.Arrays.fill(packedOut, 0L);
        for (int i = 0; i < K; i++)
        {
            frames[i].get(0, scratch, 0, PAYLOAD);
            Words.load(scratch, 0, PAYLOAD, source, WORDS);
            CauchyCode.addToParity(index, i, source, WORDS, packedOut);
        }
        return packedOut[0];
    }

    /** @return a word of the parity, so the work is not optimised away. */
    @Benchmark
    public long encodeOneParityPacket()
    {
        return encodePacked(7);
    }

    /** @return a word of parity 0 (all coefficients 1: a plain XOR of the block). */
    @Benchmark
    public long encodeParityZero()
    {
        return encodePacked(0);
    }

    /** @return a byte of the parity, computed by table lookups over byte arrays (version 4's way). */
    @Benchmark
    public byte baselineEncodeOneParityPacket()
    {
        return encodeInto(7, out)[0];
    }

    /** @return a word of the last payload rebuilt, from parity indexes 1, 4, 7, 10 (the general case). */
    @Benchmark
    public long decodeErasures()
    {
        return decode(parities, packedParity);
    }

    /**
     * @return a word of the last payload rebuilt from parity indexes 0, 1, 2, 3, the ones the sender sends first
     *         (index 0 is a plain XOR: one loss is repaired by XOR alone).
     */
    @Benchmark
    public long decodeErasuresFromFirstParities()
    {
        return decode(firstParities, packedFirstParity);
    }

    private long decode(final int[] indexes, final long[][] received)
    {
        for (int r = 0; r < erasures; r++)
        {
            System.arraycopy(received[r], 0, packedWork[r], 0, WORDS);
        }
        for (int i = 0; i < K; i++)
        {
            if (!isLost(i))
            {
                frames[i].get(0, scratch, 0, PAYLOAD);
                Words.load(scratch, 0, PAYLOAD, source, WORDS);
                for (int r = 0; r < erasures; r++)
                {
                    CauchyCode.addToParity(indexes[r], i, source, WORDS, packedWork[r]);
                }
            }
        }
        code.prepare(indexes, lost, erasures);
        for (int s = 0; s < erasures; s++)
        {
            code.recover(s, packedWork, erasures, WORDS, packedOut);
            Words.store(packedOut, out, 0, PAYLOAD);
        }
        return packedOut[0];
    }

    /** @return a byte of the last payload rebuilt by table lookups over byte arrays (version 4's way). */
    @Benchmark
    public byte baselineDecodeErasures()
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
