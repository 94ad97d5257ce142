package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a stream, through OpenSSL's libcrypto when this process can load it, else through the JDK.
 * <p>
 * Why not the JDK's alone: the JDK's reads a direct buffer (the receiver's ring, the sender's staging buffer)
 * through a copy into a heap chunk first, libcrypto's where it lies: 0.69 s per GiB here against 0.80-0.89. And
 * only C2 has the JDK's intrinsic: compiled by C1 ({@code -XX:TieredStopAtLevel=1}), the JDK's digest took a
 * receiver's writer 2.3 CPU s per 256 MiB instead of 0.3, where libcrypto's runs on the CPU's SHA extensions
 * whoever calls it. {@code -Dnetpipe.sha256=jdk} rules it out.
 * <p>
 * The calls are {@code SHA256_Init}, {@code _Update} and {@code _Final} over a context in memory this object owns
 * (freed with it, so nothing to close): exported by libcrypto 1.1 and 3, where they are deprecated in favour of
 * EVP but run the same block function. They are linked with the one shape {@code long f(long, long, long)}, as
 * {@link Libc}'s shared handle, but each to its address and without capturing {@code errno}: these functions do
 * not set it, and the capture made every call allocate (bench/alloc.sh showed it on the writer). Not thread-safe:
 * one per stream, as {@link MessageDigest}.
 */
public final class Sha256
{
    /** The digest's length in bytes. */
    public static final int LENGTH = 32;
    /** {@code sizeof(SHA256_CTX)} is 112 on 64-bit Linux; the rest is margin no version has needed. */
    private static final long CONTEXT_BYTES = 256;
    private static final int HEAP_CHUNK_BYTES = 64 << 10;
    private static final Functions LIBCRYPTO =
        "jdk".equals(System.getProperty("netpipe.sha256")) ? null : Functions.load();

    private final MessageDigest jdk;
    private final MemorySegment context;
    private final MemorySegment out;
    private MemorySegment heapChunk;
    private ByteBuffer lastBuffer;
    private long lastBase;
    private ByteBuffer lastView;

    private Sha256(final boolean useLibcrypto)
    {
        if (useLibcrypto)
        {
            final Arena arena = Arena.ofAuto();
            this.context = arena.allocate(CONTEXT_BYTES, 16);
            this.out = arena.allocate(LENGTH);
            this.jdk = null;
            init();
        }
        else
        {
            this.context = null;
            this.out = null;
            try
            {
                this.jdk = MessageDigest.getInstance("SHA-256");
            }
            catch (final NoSuchAlgorithmException ex)
            {
                throw new IllegalStateException("every Java runtime has SHA-256", ex);
            }
        }
    }

    /** @return a digest of an empty stream so far, through libcrypto if it could be loaded. */
    public static Sha256 newDigest()
    {
        return new Sha256(null != LIBCRYPTO);
    }

    /** @return a digest through the JDK alone (tests compare the two). */
    static Sha256 jdkDigest()
    {
        return new Sha256(false);
    }

    /** @return whether digests go through libcrypto in this process. */
    public static boolean usesLibcrypto()
    {
        return null != LIBCRYPTO;
    }

    /**
     * Adds bytes to the stream; the buffer's position and limit are left as they are.
     *
     * @param buffer where they are, direct or not.
     * @param offset the index of the first.
     * @param length how many.
     */
    public void update(final ByteBuffer buffer, final int offset, final int length)
    {
        if (null != jdk)
        {
            jdkUpdate(buffer, offset, length);
        }
        else if (buffer.isDirect())
        {
            call(LIBCRYPTO.update, context.address(), base(buffer) + offset, length);
        }
        else
        {
            if (null == heapChunk)
            {
                heapChunk = Arena.ofAuto().allocate(HEAP_CHUNK_BYTES);
            }
            final MemorySegment source = MemorySegment.ofBuffer(buffer.duplicate().clear());
            for (int done = 0; done < length; )
            {
                final int n = Math.min(HEAP_CHUNK_BYTES, length - done);
                MemorySegment.copy(source, offset + done, heapChunk, 0, n);
                call(LIBCRYPTO.update, context.address(), heapChunk.address(), n);
                done += n;
            }
        }
    }

    /** @return the digest of the stream so far; the object then starts a new, empty one. */
    public byte[] digest()
    {
        if (null != jdk)
        {
            return jdk.digest();
        }
        call(LIBCRYPTO.finish, out.address(), context.address(), 0L);
        init();
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    private void init()
    {
        call(LIBCRYPTO.init, context.address(), 0L, 0L);
    }

    /** The address of index 0 of a direct buffer, kept for the buffer last seen: a stream's is always the same. */
    private long base(final ByteBuffer buffer)
    {
        if (buffer != lastBuffer)
        {
            lastBase = MemorySegment.ofBuffer(buffer).address() - buffer.position();
            lastBuffer = buffer;
        }
        return lastBase;
    }

    private void jdkUpdate(final ByteBuffer buffer, final int offset, final int length)
    {
        if (buffer.hasArray())
        {
            jdk.update(buffer.array(), buffer.arrayOffset() + offset, length);
            return;
        }
        if (buffer != lastBuffer)
        {
            lastView = buffer.duplicate();
            lastBuffer = buffer;
        }
        lastView.clear().position(offset).limit(offset + length);
        jdk.update(lastView);
    }

    /** The three calls return 1 on success; they fail only on a null context, a bug here. */
    private static void call(final MethodHandle function, final long a0, final long a1, final long a2)
    {
        final long result;
        try
        {
            result = (long)function.invokeExact(a0, a1, a2);
        }
        catch (final Throwable t)
        {
            throw Libc.rethrow(t);
        }
        if (1 != (int)result)
        {
            throw new IllegalStateException("libcrypto's SHA-256 failed");
        }
    }

    /** libcrypto's three functions, or {@code null} from {@link #load} when this process cannot load them. */
    private record Functions(MethodHandle init, MethodHandle update, MethodHandle finish)
    {
        /** {@code long f(long, long, long)}: each function's unused arguments are zeroes (see {@link Libc}). */
        private static final FunctionDescriptor SHAPE = FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

        @SuppressWarnings("restricted") // loads a shared library; the jar manifest enables native access
        static Functions load()
        {
            for (final String name : new String[] {"libcrypto.so.3", "libcrypto.so.1.1"})
            {
                try
                {
                    final SymbolLookup library = SymbolLookup.libraryLookup(name, Arena.global());
                    return new Functions(find(library, "SHA256_Init"), find(library, "SHA256_Update"),
                        find(library, "SHA256_Final"));
                }
                catch (final IllegalArgumentException | UnsatisfiedLinkError ex)
                {
                    // Not installed, or without these functions: the next name, else the JDK's digest.
                }
            }
            return null;
        }

        @SuppressWarnings("restricted") // a downcall; the jar manifest enables native access
        private static MethodHandle find(final SymbolLookup library, final String name)
        {
            return Linker.nativeLinker().downcallHandle(library.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libcrypto has no " + name)), SHAPE);
        }
    }
}
