package io.netpipe.protocol.fec;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D): addition is XOR, multiplication a
 * lookup in a 64 KiB product table (one row per constant, so a row is the multiply-by-c table the byte loops use),
 * inverses a lookup too. Built once from log and exp tables.
 */
public final class Gf256
{
    private static final int POLYNOMIAL = 0x11D;
    private static final byte[][] PRODUCT = new byte[256][256];
    private static final byte[] INVERSE = new byte[256];

    static
    {
        final int[] exp = new int[512];
        final int[] log = new int[256];
        int x = 1;
        for (int i = 0; i < 255; i++)
        {
            exp[i] = x;
            log[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0)
            {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = 255; i < exp.length; i++)
        {
            exp[i] = exp[i - 255];
        }
        for (int a = 1; a < 256; a++)
        {
            for (int b = 1; b < 256; b++)
            {
                PRODUCT[a][b] = (byte)exp[log[a] + log[b]];
            }
            INVERSE[a] = (byte)exp[255 - log[a]];
        }
    }

    private Gf256()
    {
    }

    /**
     * @param a a field element (0..255).
     * @param b a field element (0..255).
     * @return their product.
     */
    public static int multiply(final int a, final int b)
    {
        return PRODUCT[a][b] & 0xFF;
    }

    /**
     * @param a a non-zero field element.
     * @return its multiplicative inverse.
     */
    public static int inverse(final int a)
    {
        if (a == 0)
        {
            throw new ArithmeticException("0 has no inverse in GF(256)");
        }
        return INVERSE[a] & 0xFF;
    }

    /**
     * {@code dst[dstOffset + i] ^= c * src[srcOffset + i]} for {@code i < length}: the one inner loop of encoding
     * and decoding.
     *
     * @param c         the constant.
     * @param src       source bytes.
     * @param srcOffset first source byte.
     * @param dst       accumulator.
     * @param dstOffset first accumulator byte.
     * @param length    bytes.
     */
    public static void multiplyAdd(final int c, final byte[] src, final int srcOffset, final byte[] dst,
        final int dstOffset, final int length)
    {
        if (c == 0)
        {
            return;
        }
        if (c == 1)
        {
            for (int i = 0; i < length; i++)
            {
                dst[dstOffset + i] ^= src[srcOffset + i];
            }
            return;
        }
        final byte[] row = PRODUCT[c];
        for (int i = 0; i < length; i++)
        {
            dst[dstOffset + i] ^= row[src[srcOffset + i] & 0xFF];
        }
    }
}
