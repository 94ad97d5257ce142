package io.netpipe.libc;

import java.lang.foreign.MemorySegment;

/**
 * One function of the C library, called through the single downcall handle every binding shares ({@link Libc}):
 * {@code long f(long, long, long, long, long, long)} with {@code errno} captured, the function's address passed
 * per call. A function with fewer parameters gets zeroes in the rest, which it never reads.
 * <p>
 * The {@code call} methods that take a state segment are for functions that report failure through
 * {@code errno} (read it with {@link Libc#errno} after a failed call); those without are for functions that
 * return their error (the {@code posix_spawn} family) or cannot fail. An {@code int} argument is passed widened,
 * a pointer as its address, and an {@code int} result is the low half of the {@code long} (callers cast it back).
 * Nothing checked can come out of a C function: a {@link Throwable} from the handle is a bug in the binding and
 * leaves unchecked ({@link Libc#rethrow}).
 */
public final class CFunction
{
    private final MemorySegment address;

    CFunction(final MemorySegment address)
    {
        this.address = address;
    }

    /** Calls a function of one argument that sets {@code errno}. */
    public long call(final MemorySegment errnoState, final long a0)
    {
        return invoke(errnoState, a0, 0L, 0L, 0L, 0L, 0L);
    }

    /** Calls a function of two arguments that sets {@code errno}. */
    public long call(final MemorySegment errnoState, final long a0, final long a1)
    {
        return invoke(errnoState, a0, a1, 0L, 0L, 0L, 0L);
    }

    /** Calls a function of three arguments that sets {@code errno}. */
    public long call(final MemorySegment errnoState, final long a0, final long a1, final long a2)
    {
        return invoke(errnoState, a0, a1, a2, 0L, 0L, 0L);
    }

    /** Calls a function of four arguments that sets {@code errno}. */
    public long call(final MemorySegment errnoState, final long a0, final long a1, final long a2, final long a3)
    {
        return invoke(errnoState, a0, a1, a2, a3, 0L, 0L);
    }

    /** Calls a function of five arguments that sets {@code errno}. */
    public long call(final MemorySegment errnoState, final long a0, final long a1, final long a2, final long a3,
        final long a4)
    {
        return invoke(errnoState, a0, a1, a2, a3, a4, 0L);
    }

    /** Calls a function of one argument that returns its error or cannot fail. */
    public long call(final long a0)
    {
        return invoke(Libc.SCRATCH_STATE, a0, 0L, 0L, 0L, 0L, 0L);
    }

    /** Calls a function of two arguments that returns its error or cannot fail. */
    public long call(final long a0, final long a1)
    {
        return invoke(Libc.SCRATCH_STATE, a0, a1, 0L, 0L, 0L, 0L);
    }

    /** Calls a function of three arguments that returns its error or cannot fail. */
    public long call(final long a0, final long a1, final long a2)
    {
        return invoke(Libc.SCRATCH_STATE, a0, a1, a2, 0L, 0L, 0L);
    }

    /** Calls a function of five arguments that returns its error or cannot fail. */
    public long call(final long a0, final long a1, final long a2, final long a3, final long a4)
    {
        return invoke(Libc.SCRATCH_STATE, a0, a1, a2, a3, a4, 0L);
    }

    /** Calls a function of six arguments that returns its error or cannot fail. */
    public long call(final long a0, final long a1, final long a2, final long a3, final long a4, final long a5)
    {
        return invoke(Libc.SCRATCH_STATE, a0, a1, a2, a3, a4, a5);
    }

    private long invoke(final MemorySegment errnoState, final long a0, final long a1, final long a2, final long a3,
        final long a4, final long a5)
    {
        try
        {
            return (long)Libc.SHAPE.invokeExact(address, errnoState, a0, a1, a2, a3, a4, a5);
        }
        catch (final Throwable t)
        {
            throw Libc.rethrow(t);
        }
    }
}
