package io.netpipe.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CauchyCodeTest
{
    private static final int CAPACITY = 300;
    private static final int WORDS = Words.words(CAPACITY);

    /** Row 0 of the generator is all ones, so parity 0 is the XOR of the block (padded with zeros). */
    @Test
    void shouldMakeParityZeroTheXorOfThePayloads()
    {
        final byte[][] data = block(new Random(3), CauchyCode.MAX_BLOCK);
        final byte[] xor = new byte[CAPACITY];
        for (final byte[] payload : data)
        {
            for (int b = 0; b < payload.length; b++)
            {
                xor[b] ^= payload[b];
            }
        }
        assertArrayEquals(xor, parity(0, data));
        final long[] packed = new long[WORDS];
        final long[] payload = new long[WORDS];
        for (int i = 0; i < data.length; i++)
        {
            Words.load(data[i], 0, data[i].length, payload, WORDS);
            CauchyCode.addToParity(0, i, payload, WORDS, packed);
        }
        final byte[] unpacked = new byte[CAPACITY];
        Words.store(packed, unpacked, 0, CAPACITY);
        assertArrayEquals(xor, unpacked);
    }

    /** A byte-table decode (the reference) rebuilds what the packed one does. */
    @Test
    void shouldRecoverWithTheByteReferenceToo()
    {
        final Random random = new Random(21);
        final byte[][] data = block(random, 40);
        final int[] lost = {3, 17, 39};
        final int[] parities = {0, 5, 127};
        final byte[][] reduced = new byte[3][];
        for (int r = 0; r < 3; r++)
        {
            reduced[r] = parity(parities[r], data);
            for (int i = 0; i < data.length; i++)
            {
                if (!contains(lost, i))
                {
                    CauchyCode.addToParity(parities[r], i, data[i], 0, data[i].length, reduced[r]);
                }
            }
        }
        final CauchyCode code = new CauchyCode();
        assertTrue(code.prepare(parities, lost, 3));
        for (int s = 0; s < 3; s++)
        {
            final byte[] out = new byte[CAPACITY];
            code.recover(s, reduced, 3, CAPACITY, out);
            assertArrayEquals(data[lost[s]], Arrays.copyOf(out, data[lost[s]].length));
        }
    }

    /**
     * Random blocks, random erasures up to the parity count, random parity indexes: byte-identical recovery. The
     * parity is encoded by the byte-table reference, the decode runs on packed words as the receiver does.
     */
    @Test
    void shouldRecoverAnyErasuresFromAsManyParityPackets()
    {
        final Random random = new Random(14);
        final CauchyCode code = new CauchyCode();
        for (int trial = 0; trial < 200; trial++)
        {
            final int k = 1 + random.nextInt(CauchyCode.MAX_BLOCK);
            final byte[][] data = block(random, k);
            final int erasures = 1 + random.nextInt(Math.min(k, CauchyCode.MAX_ERASURES));
            final int[] lost = distinct(random, erasures, k);
            final int[] parities = distinct(random, erasures, CauchyCode.MAX_PARITY);
            final long[][] reduced = new long[erasures][WORDS];
            final long[] payload = new long[WORDS];
            for (int r = 0; r < erasures; r++)
            {
                Words.load(parity(parities[r], data), 0, CAPACITY, reduced[r], WORDS);
                for (int i = 0; i < k; i++)
                {
                    if (!contains(lost, i))
                    {
                        Words.load(data[i], 0, data[i].length, payload, WORDS);
                        CauchyCode.addToParity(parities[r], i, payload, WORDS, reduced[r]);
                    }
                }
            }
            assertTrue(code.prepare(parities, lost, erasures));
            for (int s = 0; s < erasures; s++)
            {
                final long[] out = new long[WORDS];
                code.recover(s, reduced, erasures, WORDS, out);
                final byte[] bytes = new byte[data[lost[s]].length];
                Words.store(out, bytes, 0, bytes.length);
                assertArrayEquals(data[lost[s]], bytes, "trial " + trial + ", k=" + k + ", lost " + lost[s]);
            }
        }
    }

    @Test
    void shouldRefuseMoreErasuresThanItDecodesOrRepeatedIndexes()
    {
        final CauchyCode code = new CauchyCode();
        final int[] many = new int[CauchyCode.MAX_ERASURES + 1];
        for (int i = 0; i < many.length; i++)
        {
            many[i] = i;
        }
        assertFalse(code.prepare(many, many, many.length));
        assertFalse(code.prepare(new int[] {3, 3}, new int[] {0, 1}, 2));
        assertFalse(code.prepare(new int[] {0}, new int[] {CauchyCode.MAX_BLOCK}, 1));
        assertFalse(code.prepare(new int[] {}, new int[] {}, 0));
    }

    /** Fewer parity packets than losses: the solution a decode would give is not the data (the caller must not try). */
    @Test
    void shouldNotRecoverTwoLossesFromOneParityPacket()
    {
        final Random random = new Random(5);
        final byte[][] data = block(random, 8);
        final byte[] reduced = parity(0, data);
        for (int i = 2; i < 8; i++)
        {
            CauchyCode.addToParity(0, i, data[i], 0, data[i].length, reduced);
        }
        final CauchyCode code = new CauchyCode();
        assertTrue(code.prepare(new int[] {0}, new int[] {0}, 1));
        final byte[] out = new byte[CAPACITY];
        code.recover(0, new byte[][] {reduced}, 1, CAPACITY, out);
        assertFalse(Arrays.equals(data[0], out));
    }

    private static byte[][] block(final Random random, final int k)
    {
        final byte[][] data = new byte[k][];
        for (int i = 0; i < k; i++)
        {
            // The last payload of a block may be short: it is padded with zeros.
            data[i] = new byte[i == k - 1 ? 1 + random.nextInt(CAPACITY) : CAPACITY];
            random.nextBytes(data[i]);
        }
        return data;
    }

    private static byte[] parity(final int index, final byte[][] data)
    {
        final byte[] out = new byte[CAPACITY];
        for (int i = 0; i < data.length; i++)
        {
            CauchyCode.addToParity(index, i, data[i], 0, data[i].length, out);
        }
        return out;
    }

    private static int[] distinct(final Random random, final int count, final int bound)
    {
        final int[] all = random.ints(0, bound).distinct().limit(count).toArray();
        return all;
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }
}
