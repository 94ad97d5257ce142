package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Downcall handles into glibc. Calls that report failure through {@code errno} are linked with
 * {@code captureCallState("errno")}: the JVM may run code between the call and a later read of {@code errno}
 * (and overwrite it), so the value is captured into a segment passed as the handle's first argument.
 */
public final class Libc
{
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
        CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc()
    {
    }

    /** Links a function that returns its error (posix_spawn family) or cannot fail. */
    @SuppressWarnings("restricted") // the point of this class; the jar manifest enables native access
    public static MethodHandle plain(final String name, final FunctionDescriptor descriptor, final Linker.Option... options)
    {
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    /** Links a function that sets {@code errno}; the handle takes the capture segment as its first argument. */
    @SuppressWarnings("restricted")
    public static MethodHandle withErrno(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    /** Links a variadic function that sets {@code errno}, e.g. {@code fcntl} with its third argument. */
    @SuppressWarnings("restricted")
    public static MethodHandle variadicWithErrno(final String name, final FunctionDescriptor descriptor, final int firstVariadic)
    {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** @return a segment to receive {@code errno} from one call. */
    public static MemorySegment errnoState(final Arena arena)
    {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** @return the {@code errno} captured by the last call that used {@code state}. */
    public static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    /**
     * @param errno an error number.
     * @return its description from the C library, e.g. {@code Connection refused}.
     */
    @SuppressWarnings("restricted") // strerror returns a pointer to a NUL-terminated string of unknown length
    public static String strerror(final int errno)
    {
        try
        {
            final MemorySegment text = (MemorySegment)STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** A native call with a confined arena for its arguments and a segment that captures {@code errno}. */
    @FunctionalInterface
    public interface NativeCall<T>
    {
        T call(Arena arena, MemorySegment errnoState) throws Throwable;
    }

    /**
     * Runs a native call, letting {@link PosixException} through and turning anything else into an unchecked
     * exception (see {@link #rethrow}).
     */
    public static <T> T call(final NativeCall<T> body) throws PosixException
    {
        try (Arena arena = Arena.ofConfined())
        {
            return body.call(arena, errnoState(arena));
        }
        catch (final PosixException ex)
        {
            throw ex;
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * @return {@code result} if it is not negative.
     * @throws PosixException with the captured {@code errno} if it is.
     */
    public static int check(final String call, final MemorySegment errnoState, final int result) throws PosixException
    {
        if (result < 0)
        {
            throw new PosixException(call, errno(errnoState));
        }
        return result;
    }

    /**
     * Downcalls declare {@code Throwable}; nothing checked can come out of a C function, so anything that does
     * is a bug in the binding and leaves as an unchecked exception.
     */
    public static RuntimeException rethrow(final Throwable t)
    {
        if (t instanceof RuntimeException re)
        {
            return re;
        }
        if (t instanceof Error e)
        {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    private static MemorySegment symbol(final String name)
    {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
    }
}
