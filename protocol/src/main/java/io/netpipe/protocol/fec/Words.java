package io.netpipe.protocol.fec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Payloads packed eight bytes to a {@code long}, the layout {@link Gf256}'s fast multiply-add works on. Byte
 * {@code i} of a payload is byte {@code i % 8} (little-endian) of word {@code i / 8}; the order only has to be the
 * same when packing and unpacking, since the field arithmetic is bytewise, and little-endian makes every full word a
 * plain load on x86. Bytes past a payload's length are packed as zeros, which is the code's padding rule.
 *
 * <p>From byte arrays only: a frame in a (direct) {@code ByteBuffer} is bulk-copied into a scratch array first. That
 * copy plus this array-view loop measured 4-5x faster than reading the buffer through a buffer-view var handle (6-9
 * against 27-44 us for the 128 payloads of a block), and allocates nothing, unlike an {@code asLongBuffer()} or
 * {@code MemorySegment.ofBuffer} view per packet.
 */
public final class Words
{
    private static final VarHandle ARRAY_LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words()
    {
    }

    /**
     * @param bytes a length in bytes.
     * @return the words that hold it.
     */
    public static int words(final int bytes)
    {
        return (bytes + 7) >>> 3;
    }

    /**
     * Packs {@code src[offset, offset + length)} into {@code dst[0, words)}, zeros after the bytes.
     *
     * @param src    the bytes.
     * @param offset the first byte.
     * @param length bytes to pack.
     * @param dst    receives the packed words.
     * @param words  words to write, at least {@link #words}{@code (length)}.
     */
    public static void load(final byte[] src, final int offset, final int length, final long[] dst, final int words)
    {
        final int full = length >>> 3;
        for (int w = 0; w < full; w++)
        {
            dst[w] = (long)ARRAY_LONGS.get(src, offset + 8 * w);
        }
        int next = full;
        if ((length & 7) != 0)
        {
            long tail = 0;
            for (int b = 0; b < (length & 7); b++)
            {
                tail |= (src[offset + 8 * full + b] & 0xFFL) << 8 * b;
            }
            dst[next++] = tail;
        }
        Arrays.fill(dst, next, words, 0L);
    }

    /**
     * Unpacks the first {@code length} bytes of {@code src} into {@code dst[offset, offset + length)}.
     *
     * @param src    packed words.
     * @param dst    receives the bytes.
     * @param offset the first byte to write.
     * @param length bytes.
     */
    public static void store(final long[] src, final byte[] dst, final int offset, final int length)
    {
        final int full = length >>> 3;
        for (int w = 0; w < full; w++)
        {
            ARRAY_LONGS.set(dst, offset + 8 * w, src[w]);
        }
        for (int b = 0; b < (length & 7); b++)
        {
            dst[offset + 8 * full + b] = (byte)(src[full] >>> 8 * b);
        }
    }
}
