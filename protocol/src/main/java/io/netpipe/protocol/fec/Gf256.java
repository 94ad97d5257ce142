package io.netpipe.protocol.fec;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D): addition is XOR, multiplication of
 * single elements a lookup in a 64 KiB product table, inverses a lookup too. Built once from log and exp tables.
 *
 * <p>The bulk multiply-add that encoding and decoding spend their time in works on payloads packed eight bytes to a
 * {@code long} ({@link Words}), bit-sliced: {@code c * x = XOR over the bits k set in x of c * 2^k}, so for eight
 * packed bytes it ANDs a per-byte mask of bit k with the broadcast product {@code c * 2^k}, eight times. That is
 * only shifts, ANDs, additions and XORs on whole {@code long}s, which C2 turns into AVX2 vector code; a table
 * lookup per byte (the byte-array {@link #multiplyAdd(int, byte[], int, byte[], int, int)}, kept as the reference
 * definition) cannot be vectorized and measured several times slower.
 */
public final class Gf256
{
    private static final int POLYNOMIAL = 0x11D;
    private static final byte[][] PRODUCT = new byte[256][256];
    private static final byte[] INVERSE = new byte[256];
    /** {@code BROADCAST[8c + k]}: every byte equal to {@code c * 2^k}. */
    private static final long[] BROADCAST = new long[256 * 8];
    /** {@code FIX[c]}: XOR over k of {@code 0x7F.. & BROADCAST[8c + k]}, what the kernel's masks add. */
    private static final long[] FIX = new long[256];
    /** Bit 0 of every byte. */
    private static final long LOW_BITS = 0x0101010101010101L;
    /** 0x7F in every byte. */
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

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
        for (int c = 0; c < 256; c++)
        {
            for (int k = 0; k < 8; k++)
            {
                BROADCAST[8 * c + k] = LOW_BITS * (PRODUCT[c][1 << k] & 0xFF);
                FIX[c] ^= BROADCAST[8 * c + k] & LOW_SEVEN;
            }
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
     * {@code dst[dstOffset + i] ^= c * src[srcOffset + i]} for {@code i < length}, one table lookup per byte: the
     * definition the packed kernel is tested against, and fine off the hot path.
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
        final byte[] row = PRODUCT[c];
        for (int i = 0; i < length; i++)
        {
            dst[dstOffset + i] ^= row[src[srcOffset + i] & 0xFF];
        }
    }

    /**
     * {@code dst[i] ^= c * src[i]} for {@code i < words}, bytewise on packed bytes: the one inner loop of encoding
     * and decoding. A constant of 1 is a plain XOR.
     *
     * <p>For bit k of each byte, {@code t = (x >>> k) & 0x01..} is 1 where the bit is set, and {@code t + 0x7F..}
     * is then 0x80 where it is set and 0x7F where it is clear (no carry leaves a byte): the bit's mask (0xFF or
     * 0x00) XOR 0x7F.., so {@code (t + 0x7F..) & c*2^k} is the wanted term XOR {@code 0x7F.. & c*2^k}, and those
     * eight constants are XORed out once per word ({@code FIX}). That is five operations a bit, one of them a
     * shift, and no multiply (AVX2 has no 64-bit one). The shape is what C2's auto-vectorizer takes, which is what
     * makes this fast: one loop without offsets (with two offsets into arrays that might be one, it stayed scalar),
     * and no more operations than this (the mask spelled {@code (t << 8) - t}, six operations a bit, made the loop
     * too large for C2 to unroll, and it ran scalar, 4x slower, unless split into two loops of four bits). Measured
     * with the JMH {@code FecBenchmark} in the bench module; re-measure after any change here.
     *
     * @param c     the constant.
     * @param src   packed source bytes.
     * @param dst   packed accumulator, another array than {@code src}.
     * @param words words.
     */
    public static void multiplyAdd(final int c, final long[] src, final long[] dst, final int words)
    {
        if (c == 0)
        {
            return;
        }
        if (c == 1)
        {
            for (int i = 0; i < words; i++)
            {
                dst[i] ^= src[i];
            }
            return;
        }
        final int base = 8 * c;
        final long b0 = BROADCAST[base];
        final long b1 = BROADCAST[base + 1];
        final long b2 = BROADCAST[base + 2];
        final long b3 = BROADCAST[base + 3];
        final long b4 = BROADCAST[base + 4];
        final long b5 = BROADCAST[base + 5];
        final long b6 = BROADCAST[base + 6];
        final long b7 = BROADCAST[base + 7];
        final long fix = FIX[c];
        for (int i = 0; i < words; i++)
        {
            final long x = src[i];
            long acc = ((x & LOW_BITS) + LOW_SEVEN) & b0;
            acc ^= (((x >>> 1) & LOW_BITS) + LOW_SEVEN) & b1;
            acc ^= (((x >>> 2) & LOW_BITS) + LOW_SEVEN) & b2;
            acc ^= (((x >>> 3) & LOW_BITS) + LOW_SEVEN) & b3;
            acc ^= (((x >>> 4) & LOW_BITS) + LOW_SEVEN) & b4;
            acc ^= (((x >>> 5) & LOW_BITS) + LOW_SEVEN) & b5;
            acc ^= (((x >>> 6) & LOW_BITS) + LOW_SEVEN) & b6;
            acc ^= (((x >>> 7) & LOW_BITS) + LOW_SEVEN) & b7;
            dst[i] ^= acc ^ fix;
        }
    }
}
