package io.netpipe.libc;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The few bytes socketpipe mode itself exchanges on a data socket: the pairing handshake, before any command
 * owns the socket. Reads never ask for more than the caller wants, so no command data is consumed.
 */
public final class SocketIo
{
    /** Send without raising SIGPIPE: a reset peer is an error to report, not a reason for the JVM to die. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** On a TCP socket, drop what is received instead of copying it out (tcp(7), Linux 2.4.4 on). */
    private static final int MSG_TRUNC = 0x20;

    private static final CFunction RECV = Libc.function("recv");
    private static final CFunction SEND = Libc.function("send");

    private SocketIo()
    {
    }

    /**
     * Reads at most {@code length} bytes: blocks until at least one byte arrives, the peer closes, or an error.
     *
     * @return the number of bytes read into {@code into[offset..]}, 0 at end of stream.
     * @throws PosixException e.g. connection reset.
     */
    public static int recv(final int fd, final byte[] into, final int offset, final int length) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment buffer = arena.allocate(length);
            while (true)
            {
                final long n = RECV.call(state, (long)fd, Libc.address(buffer), (long)length, 0L);
                if (n >= 0)
                {
                    MemorySegment.copy(buffer, JAVA_BYTE, 0, into, offset, (int)n);
                    return (int)n;
                }
                if (Errno.EINTR != Libc.errno(state))
                {
                    throw new PosixException("recv", Libc.errno(state));
                }
            }
        });
    }

    /**
     * Writes all of {@code data}, blocking as needed.
     *
     * @throws PosixException e.g. broken pipe when the peer is gone.
     */
    public static void sendAll(final int fd, final byte[] data) throws PosixException
    {
        Libc.call((arena, state) ->
        {
            final MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            long sent = 0;
            while (sent < data.length)
            {
                final long n = SEND.call(state, (long)fd, Libc.address(buffer) + sent, (long)(data.length - sent),
                    (long)MSG_NOSIGNAL);
                if (n < 0 && Errno.EINTR != Libc.errno(state))
                {
                    throw new PosixException("send", Libc.errno(state));
                }
                sent += Math.max(n, 0);
            }
            return sent;
        });
    }

    /**
     * Drops at most {@code length} received bytes of a TCP socket in the kernel, copying nothing: blocks until at
     * least one byte arrives, the peer closes, or an error.
     *
     * @return the number of bytes dropped, 0 at end of stream.
     * @throws PosixException e.g. connection reset.
     */
    public static long discard(final int fd, final long length) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            while (true)
            {
                final long n = RECV.call(state, (long)fd, 0L, length, (long)MSG_TRUNC);
                if (n >= 0)
                {
                    return n;
                }
                if (Errno.EINTR != Libc.errno(state))
                {
                    throw new PosixException("recv", Libc.errno(state));
                }
            }
        });
    }
}
