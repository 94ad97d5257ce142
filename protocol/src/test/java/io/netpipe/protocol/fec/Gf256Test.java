package io.netpipe.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Gf256Test
{
    @Test
    void shouldMultiplyAndInvertInTheField()
    {
        for (int a = 1; a < 256; a++)
        {
            assertEquals(1, Gf256.multiply(a, Gf256.inverse(a)), "a=" + a);
            assertEquals(0, Gf256.multiply(a, 0));
        }
        // x^8 = x^4 + x^3 + x^2 + 1 under the polynomial 0x11D.
        assertEquals(0x1D, Gf256.multiply(0x80, 2));
    }

    /** Every constant, odd lengths and byte offsets: packing, the packed kernel, unpacking equal the table loop. */
    @Test
    void shouldMultiplyAddPackedBytesExactlyAsTheTableDefinition()
    {
        final Random random = new Random(8);
        final int[] lengths = {1, 7, 8, 9, 13, 64, 255, 1452};
        for (int c = 0; c < 256; c++)
        {
            final int length = lengths[c % lengths.length];
            final int srcOffset = random.nextInt(9);
            final int dstOffset = random.nextInt(9);
            final byte[] src = new byte[srcOffset + length + 5];
            final byte[] acc = new byte[dstOffset + length + 5];
            random.nextBytes(src);
            random.nextBytes(acc);
            final byte[] expected = acc.clone();
            Gf256.multiplyAdd(c, src, srcOffset, expected, dstOffset, length);

            final int words = Words.words(length) + 1;
            final long[] packedSrc = new long[words];
            final long[] packedAcc = new long[words];
            Words.load(src, srcOffset, length, packedSrc, words);
            Words.load(acc, dstOffset, length, packedAcc, words);
            Gf256.multiplyAdd(c, packedSrc, packedAcc, words);
            final byte[] actual = acc.clone();
            Words.store(packedAcc, actual, dstOffset, length);
            assertArrayEquals(expected, actual, "c=" + c + ", length " + length);
        }
    }

    /** A warm loop (C2 compiles and vectorizes it), every byte value against every constant. */
    @Test
    void shouldMultiplyEveryByteByEveryConstantWhenCompiled()
    {
        final byte[] all = new byte[256];
        for (int b = 0; b < 256; b++)
        {
            all[b] = (byte)b;
        }
        final long[] packed = new long[32];
        Words.load(all, 0, 256, packed, 32);
        final long[] out = new long[32];
        final byte[] bytes = new byte[256];
        for (int round = 0; round < 200; round++)
        {
            for (int c = 0; c < 256; c++)
            {
                Arrays.fill(out, 0L);
                Gf256.multiplyAdd(c, packed, out, 32);
                Words.store(out, bytes, 0, 256);
                for (int b = 0; b < 256; b++)
                {
                    if ((bytes[b] & 0xFF) != Gf256.multiply(c, b))
                    {
                        assertEquals(Gf256.multiply(c, b), bytes[b] & 0xFF, "c=" + c + ", b=" + b);
                    }
                }
            }
        }
    }

    @Test
    void shouldPackPastTheLengthAsZeros()
    {
        final byte[] src = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        final long[] packed = {-1L, -1L, -1L, -1L};
        Words.load(src, 1, 9, packed, 3);
        assertEquals(0x0908070605040302L, packed[0]);
        assertEquals(0x0AL, packed[1]);
        assertEquals(0L, packed[2]);
        assertEquals(-1L, packed[3]);
    }
}
