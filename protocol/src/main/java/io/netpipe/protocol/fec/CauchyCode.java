package io.netpipe.protocol.fec;

/**
 * The erasure code: a block is up to {@link #MAX_BLOCK} payloads {@code d_0..d_{k-1}} (short ones padded with
 * zeros), and parity packet {@code j} (0 &lt;= j &lt; {@link #MAX_PARITY}) is {@code p_j = sum_i c(j, i) * d_i} with
 * the Cauchy coefficients {@code 1 / (x_j + y_i)}, {@code x_j = j}, {@code y_i = 128 + i}, each column divided by
 * its row-0 entry: {@code c(j, i) = y_i / (x_j + y_i)}. Every square submatrix of a Cauchy matrix is invertible, and
 * scaling columns by non-zero constants keeps them so, so any {@code e} lost payloads of a block come back from any
 * {@code e} distinct parity packets of it. The scaling makes row 0 all ones: parity 0, the one a block with a single
 * loss (the common repair) needs, is a plain XOR of the payloads on both ends. The data packets go out unchanged
 * (the code is systematic).
 *
 * <p>One instance per thread: it holds the matrices of one decode, preallocated for {@link #MAX_ERASURES}, and
 * allocates nothing after construction.
 */
public final class CauchyCode
{
    /** Most DATA packets in one block. */
    public static final int MAX_BLOCK = 128;
    /** Parity indexes per block. */
    public static final int MAX_PARITY = 128;
    /** Most lost packets of one block one decode recovers. */
    public static final int MAX_ERASURES = 32;

    /** {@code c(j, i)} at {@code [j * MAX_BLOCK + i]}. */
    private static final byte[] COEFFICIENTS = new byte[MAX_PARITY * MAX_BLOCK];

    static
    {
        for (int j = 0; j < MAX_PARITY; j++)
        {
            for (int i = 0; i < MAX_BLOCK; i++)
            {
                final int y = MAX_PARITY + i;
                COEFFICIENTS[j * MAX_BLOCK + i] = (byte)Gf256.multiply(y, Gf256.inverse(j ^ y));
            }
        }
    }

    private final int[][] matrix = new int[MAX_ERASURES][2 * MAX_ERASURES];
    private final int[][] inverse = new int[MAX_ERASURES][MAX_ERASURES];

    /**
     * @param parity the parity index.
     * @param index  the payload's index in its block.
     * @return the coefficient of that payload in that parity packet.
     */
    public static int coefficient(final int parity, final int index)
    {
        return COEFFICIENTS[parity * MAX_BLOCK + index] & 0xFF;
    }

    /**
     * Adds one payload's share to a parity packet being built, one table lookup a byte (the reference; the hot
     * paths use the packed {@link #addToParity(int, int, long[], int, long[])}): call once per payload of the block
     * on a zeroed accumulator. Bytes past {@code length} count as zero padding.
     *
     * @param parity  the parity index.
     * @param index   the payload's index in its block.
     * @param payload the payload.
     * @param offset  its first byte.
     * @param length  its length.
     * @param out     the parity accumulator, at least {@code length} long.
     */
    public static void addToParity(final int parity, final int index, final byte[] payload, final int offset,
        final int length, final byte[] out)
    {
        Gf256.multiplyAdd(coefficient(parity, index), payload, offset, out, 0, length);
    }

    /**
     * Adds one packed payload's share to a packed parity packet being built (see {@link Words}): call once per
     * payload of the block on a zeroed accumulator, or on a received parity packet to take the payload out again.
     *
     * @param parity  the parity index.
     * @param index   the payload's index in its block.
     * @param payload the packed payload, zero-padded to {@code words}.
     * @param words   words to add.
     * @param out     the packed parity accumulator.
     */
    public static void addToParity(final int parity, final int index, final long[] payload, final int words,
        final long[] out)
    {
        Gf256.multiplyAdd(coefficient(parity, index), payload, out, words);
    }

    /**
     * Prepares a decode: inverts the square matrix of the given parity packets over the lost payloads. Before
     * {@link #recover}, each parity packet must have had the shares of every payload of the block it holds taken
     * out again with {@link #addToParity} (addition is subtraction in GF(2^8)).
     *
     * @param parities parity indexes held, distinct, {@code count} of them.
     * @param lost     indexes of the lost payloads in their block, distinct, {@code count} of them.
     * @param count    erasures, 1..{@link #MAX_ERASURES}.
     * @return false when the arguments cannot be decoded (too many, repeated indexes): nothing is thrown.
     */
    public boolean prepare(final int[] parities, final int[] lost, final int count)
    {
        if (count < 1 || count > MAX_ERASURES)
        {
            return false;
        }
        for (int r = 0; r < count; r++)
        {
            for (int c = 0; c < count; c++)
            {
                if (parities[r] < 0 || parities[r] >= MAX_PARITY || lost[c] < 0 || lost[c] >= MAX_BLOCK)
                {
                    return false;
                }
                matrix[r][c] = coefficient(parities[r], lost[c]);
                matrix[r][count + c] = r == c ? 1 : 0;
            }
        }
        return invert(count);
    }

    /** Gauss-Jordan on {@code [M | I]}; false when M is singular (only with repeated indexes). */
    private boolean invert(final int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            while (pivot < n && matrix[pivot][col] == 0)
            {
                pivot++;
            }
            if (pivot == n)
            {
                return false;
            }
            final int[] swap = matrix[pivot];
            matrix[pivot] = matrix[col];
            matrix[col] = swap;
            final int scale = Gf256.inverse(matrix[col][col]);
            for (int c = 0; c < 2 * n; c++)
            {
                matrix[col][c] = Gf256.multiply(matrix[col][c], scale);
            }
            for (int r = 0; r < n; r++)
            {
                final int factor = matrix[r][col];
                if (r != col && factor != 0)
                {
                    for (int c = 0; c < 2 * n; c++)
                    {
                        matrix[r][c] ^= Gf256.multiply(factor, matrix[col][c]);
                    }
                }
            }
        }
        for (int r = 0; r < n; r++)
        {
            System.arraycopy(matrix[r], n, inverse[r], 0, n);
        }
        return true;
    }

    /**
     * Rebuilds one lost payload after {@link #prepare}, one table lookup a byte (the reference; the hot paths use
     * the packed {@link #recover(int, long[][], int, int, long[])}).
     *
     * @param which   the lost payload's position in the {@code lost} array given to {@link #prepare}.
     * @param reduced the parity packets, in the order given to {@link #prepare}, with the held payloads taken out.
     * @param count   erasures, as given to {@link #prepare}.
     * @param length  bytes to rebuild.
     * @param out     receives the payload (overwritten).
     */
    public void recover(final int which, final byte[][] reduced, final int count, final int length, final byte[] out)
    {
        java.util.Arrays.fill(out, 0, length, (byte)0);
        for (int r = 0; r < count; r++)
        {
            Gf256.multiplyAdd(inverse[which][r], reduced[r], 0, out, 0, length);
        }
    }

    /**
     * Rebuilds one lost packed payload after {@link #prepare}: {@code out = sum_r inverse[which][r] * reduced_r}.
     *
     * @param which   the lost payload's position in the {@code lost} array given to {@link #prepare}.
     * @param reduced the packed parity packets, in the order given to {@link #prepare}, with the held payloads
     *                taken out.
     * @param count   erasures, as given to {@link #prepare}.
     * @param words   words to rebuild.
     * @param out     receives the packed payload (overwritten).
     */
    public void recover(final int which, final long[][] reduced, final int count, final int words, final long[] out)
    {
        java.util.Arrays.fill(out, 0, words, 0L);
        for (int r = 0; r < count; r++)
        {
            Gf256.multiplyAdd(inverse[which][r], reduced[r], out, words);
        }
    }
}
