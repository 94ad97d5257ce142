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
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles into glibc.
 * <p>
 * Almost every binding goes through a single downcall handle, {@code long f(long, long, long, long, long, long)}
 * with {@code errno} captured, which takes the function's address as an argument ({@link CFunction}): an
 * {@code int} or {@code short} argument is passed widened, a pointer as its address, unused trailing arguments as
 * zeroes, and an {@code int} result is the low half of the {@code long}. Why: the JVM spins a class (and a dozen
 * method-handle classes around it) for each distinct C signature it links, at run time, and the JDK's AOT cache
 * cannot hold them. Spinning was most of a socketpipe JVM's start-up after the cache: with one signature per
 * arity it still spun 11, about 60 ms a JVM on a quiet machine; now it spins one. This holds for the C calling
 * conventions of Linux on x86-64 and AArch64, where the first six integer arguments and the result travel in
 * 64-bit registers, the callee reads only the width its C type has, and a register it has no parameter for is
 * never read. The exceptions: variadic {@code fcntl} and {@code ioctl}, which need the variadic convention and
 * are linked only when used, and the calls of send's and recv's loops ({@link #withErrno}).
 * <p>
 * {@code errno} is captured ({@code captureCallState("errno")}) into a segment passed with the call: the JVM may
 * run code between the call and a later read of {@code errno} (and overwrite it). Functions that return their
 * error share one scratch segment whose content nobody reads.
 */
public final class Libc
{
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
        CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** {@code (MemorySegment function, MemorySegment errnoState, long... 6)long}: see {@link Libc}. */
    static final MethodHandle SHAPE = LINKER.downcallHandle(shape(6), CAPTURE_ERRNO);
    /**
     * Where calls that do not use {@code errno} have it captured: written by any thread, read by none (a race on
     * bytes nobody reads is harmless), so such calls need no segment of their own.
     */
    static final MemorySegment SCRATCH_STATE = Arena.global().allocate(CAPTURE_LAYOUT);
    private static final CFunction STRERROR = function("strerror");

    private Libc()
    {
    }

    /**
     * @param name a function of the C library that takes at most six arguments, none of them variadic.
     * @return it, to be called through the shared handle (see {@link Libc}).
     */
    public static CFunction function(final String name)
    {
        return new CFunction(symbol(name));
    }

    /**
     * Links a function that sets {@code errno} to a handle of its own, for the calls of send's and recv's loops,
     * which keep the handles they had before the shared one: the handle's type is {@code (MemorySegment,
     * long...)long} with {@code arity} arguments, the capture segment first. Whether such a call allocates depends
     * on C2 inlining the whole downcall into its loop (the JDK slices the capture segment at every call), and
     * bench/alloc.sh showed no run where the shared handle did better; the direct handle leaves C2 one call layer
     * and the padding arguments fewer to inline. It costs a stub of its own at start-up, which only send and recv
     * pay.
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
     * Links the shared handle now. A process that needs the bindings at once at start-up (socketpipe's two JVMs)
     * calls this on a thread of its own first: spinning the handle's classes is tens of milliseconds of class
     * generation, which then runs on the second core while the main thread parses its arguments, and the main
     * thread's first call finds it made (class initialization makes it wait for it, never spin it twice).
     */
    public static void prelink()
    {
        Objects.requireNonNull(SHAPE);
    }

    @SuppressWarnings("restricted") // the point of this class; the jar manifest enables native access
    private static MethodHandle link(final String name, final int arity, final Linker.Option... options)
    {
        return LINKER.downcallHandle(symbol(name), shape(arity), options);
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
        final MemorySegment text = MemorySegment.ofAddress(STRERROR.call(errno));
        return text.reinterpret(256).getString(0);
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

    /** @return {@code long f(long, ...)} with {@code arity} arguments. */
    private static FunctionDescriptor shape(final int arity)
    {
        final ValueLayout[] arguments = new ValueLayout[arity];
        Arrays.fill(arguments, JAVA_LONG);
        return FunctionDescriptor.of(JAVA_LONG, arguments);
    }

    private static MemorySegment symbol(final String name)
    {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
    }
}
