package io.netpipe.libc;

import java.lang.foreign.MemorySegment;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** {@code setsockopt} and {@code getsockopt}, for TCP and UDP sockets alike. */
public final class SocketOptions
{
    /** Level of the generic socket options. */
    public static final int SOL_SOCKET = 1;
    /** Level of the IPv4 options. */
    public static final int IPPROTO_IP = 0;
    /** Level of the UDP options (the protocol number). */
    public static final int SOL_UDP = 17;

    private static final CFunction SETSOCKOPT = Libc.function("setsockopt");
    private static final CFunction GETSOCKOPT = Libc.function("getsockopt");

    private SocketOptions()
    {
    }

    /**
     * Sets an {@code int} option.
     *
     * @throws PosixException e.g. {@code ENOPROTOOPT} when the kernel does not know the option.
     */
    public static void setInt(final int fd, final int level, final int option, final int value) throws PosixException
    {
        Libc.call((arena, state) ->
        {
            final MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            return check("setsockopt", state, (int)SETSOCKOPT.call(state, (long)fd, (long)level, (long)option, Libc.address(v),
                JAVA_INT.byteSize()));
        });
    }

    /**
     * Sets an option whose value is a structure, e.g. {@code struct ip_mreqn}.
     *
     * @param value the structure, {@code value.byteSize()} bytes long.
     * @throws PosixException e.g. {@code EADDRNOTAVAIL} for a group join on an interface without that address.
     */
    public static void set(final int fd, final int level, final int option, final MemorySegment value) throws PosixException
    {
        Libc.call((arena, state) ->
            check("setsockopt", state, (int)SETSOCKOPT.call(state, (long)fd, (long)level, (long)option,
                Libc.address(value), value.byteSize())));
    }

    /**
     * @return the value of an {@code int} option.
     * @throws PosixException e.g. {@code ENOPROTOOPT} when the kernel does not know the option.
     */
    public static int getInt(final int fd, final int level, final int option) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment value = arena.allocate(JAVA_INT);
            final MemorySegment length = arena.allocateFrom(JAVA_INT, (int)JAVA_INT.byteSize());
            check("getsockopt", state, (int)GETSOCKOPT.call(state, (long)fd, (long)level, (long)option, Libc.address(value),
                Libc.address(length)));
            return value.get(JAVA_INT, 0);
        });
    }
}
