package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles into glibc.
 * <p>
 * Every binding has the same shape for its number of arguments, {@code long f(long, ...)}: an {@code int} or
 * {@code short} argument is passed widened, a pointer as its address, and an {@code int} result is the low half of
 * the {@code long} (callers cast it back). Why: the JVM spins a class (and a dozen method-handle classes around it)
 * for each distinct C signature it links, at run time, and the JDK's AOT cache cannot hold them; with one
 * signature per arity a socketpipe process spins 11 instead of 22, which was most of its start-up after the cache.
 * This holds for the C calling conventions of Linux on x86-64 and AArch64, where the first six integer arguments
 * and the result travel in 64-bit registers and the callee reads only the width its C type has.
 * <p>
 * Calls that report failure through {@code errno} are linked with
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
    /** {@code long f(long, ...)} by number of arguments. */
    private static final FunctionDescriptor[] SHAPES = shapes(6);
    private static final MethodHandle STRERROR = plain("strerror", 1);

    private Libc()
    {
    }

    /**
     * Links a function that returns its error (posix_spawn family) or cannot fail. The handle's type is
     * {@code (long...)long} with {@code arity} arguments: see {@link Libc} for why every binding has that shape.
     */
    public static MethodHandle plain(final String name, final int arity)
    {
        return link(name, arity);
    }

    /**
     * Links a function that sets {@code errno}; the handle's type is {@code (MemorySegment, long...)long}, the
     * capture segment first.
     */
    public static MethodHandle withErrno(final String name, final int arity)
    {
        return link(name, arity, CAPTURE_ERRNO);
    }

    /** Links a variadic function that sets {@code errno}, e.g. {@code fcntl} with its third argument. */
    public static MethodHandle variadicWithErrno(final String name, final int arity, final int firstVariadic)
    {
        return link(name, arity, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadic));
    }

    /**
     * Links one function of each shape the bindings use, so that the JDK's cache of downcall stubs (keyed by shape,
     * not by function) holds them all. A process that needs the bindings at once at start-up (socketpipe's two
     * JVMs) calls this on a thread of its own first: spinning a stub is tens of milliseconds of class generation,
     * which then runs on the second core while the main thread parses, listens and checks paths, and the main
     * thread's own links find their stubs made (or wait for the one being made, never spinning it twice). The
     * order is the reverse of the main thread's first needs (sockets, then posix_spawn), so the two meet midway.
     * A shape missing here is only linked later, on demand, as before.
     */
    public static void linkEveryShape()
    {
        for (final int arity : new int[] {2, 5, 3, 1, 6})
        {
            plain("getpid", arity); // posix_spawn and its helpers; the symbol is not called, only its shape matters
        }
        for (final int arity : new int[] {5, 4, 1, 2, 3})
        {
            withErrno("getpid", arity);
        }
        variadicWithErrno("fcntl", 3, 2);
    }

    @SuppressWarnings("restricted") // the point of this class; the jar manifest enables native access
    private static MethodHandle link(final String name, final int arity, final Linker.Option... options)
    {
        return LINKER.downcallHandle(symbol(name), SHAPES[arity], options);
    }

    /**
     * @param segment native memory for an argument, or {@link MemorySegment#NULL}.
     * @return its address, as a pointer argument of these bindings takes it.
     */
    public static long address(final MemorySegment segment)
    {
        return segment.address();
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
            final MemorySegment text = MemorySegment.ofAddress((long)STRERROR.invokeExact((long)errno));
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

    private static FunctionDescriptor[] shapes(final int maxArity)
    {
        final FunctionDescriptor[] shapes = new FunctionDescriptor[maxArity + 1];
        for (int arity = 0; arity <= maxArity; arity++)
        {
            final ValueLayout[] arguments = new ValueLayout[arity];
            Arrays.fill(arguments, JAVA_LONG);
            shapes[arity] = FunctionDescriptor.of(JAVA_LONG, arguments);
        }
        return shapes;
    }

    private static MemorySegment symbol(final String name)
    {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
    }
}
