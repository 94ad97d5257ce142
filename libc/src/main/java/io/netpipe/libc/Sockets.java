package io.netpipe.libc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * TCP sockets as raw file descriptors, so they can be handed to a child with {@code dup2}. Every descriptor is
 * created close-on-exec ({@code SOCK_CLOEXEC}) and above 2: a child gets a socket only where a spawn file
 * action puts it, and a process started with stdin, stdout or stderr closed never has a socket land there.
 */
public final class Sockets
{
    /** {@code shutdown} direction: no more sends (the peer reads end of file). */
    public static final int SHUT_WR = 1;
    /** {@code shutdown} direction: both. */
    public static final int SHUT_RDWR = 2;

    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_KEEPALIVE = 9;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FIRST_FREE_FD = 3;

    private static final CFunction SOCKET = Libc.function("socket");
    private static final CFunction BIND = Libc.function("bind");
    private static final CFunction LISTEN = Libc.function("listen");
    private static final CFunction ACCEPT4 = Libc.function("accept4");
    private static final CFunction CONNECT = Libc.function("connect");
    private static final CFunction GETSOCKNAME = Libc.function("getsockname");
    private static final CFunction GETPEERNAME = Libc.function("getpeername");
    private static final CFunction SHUTDOWN = Libc.function("shutdown");
    private static final CFunction CLOSE = Libc.function("close");

    private Sockets()
    {
    }

    /**
     * Opens a listening socket. The IPv6 wildcard {@code ::} listens dual-stack, so IPv4 peers reach it too.
     *
     * @param address where to listen; port 0 for one chosen by the kernel.
     * @param backlog the listen queue length.
     * @return the listening descriptor.
     * @throws PosixException naming the call that failed, e.g. {@link Errno#EADDRNOTAVAIL} from {@code bind}.
     */
    public static int listen(final InetSocketAddress address, final int backlog) throws PosixException
    {
        final int fd = open(SockAddr.familyOf(address));
        try
        {
            SocketOptions.setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
            if (address.getAddress() instanceof Inet6Address && address.getAddress().isAnyLocalAddress())
            {
                SocketOptions.setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);
            }
            bind(fd, address);
            Libc.call((arena, state) -> check("listen", state, (int)LISTEN.call(state, (long)fd, (long)backlog)));
            return fd;
        }
        catch (final PosixException | RuntimeException ex)
        {
            closeQuietly(fd);
            throw ex;
        }
    }

    /**
     * Accepts one connection, close-on-exec. Call it once {@link Poll} says the listener is readable.
     *
     * @param listenFd a listening socket.
     * @return the connected descriptor.
     * @throws PosixException if {@code accept4} fails for another reason than a signal or an aborted peer.
     */
    public static int accept(final int listenFd) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            while (true)
            {
                final int fd = (int)ACCEPT4.call(state, (long)listenFd, 0L, 0L, (long)SOCK_CLOEXEC);
                if (fd >= 0)
                {
                    return aboveStdio(fd);
                }
                final int errno = Libc.errno(state);
                if (Errno.EINTR != errno && Errno.ECONNABORTED != errno)
                {
                    throw new PosixException("accept4", errno);
                }
            }
        });
    }

    /**
     * Connects a new socket, blocking until the handshake completes or fails.
     *
     * @param address the peer.
     * @return the connected descriptor.
     * @throws PosixException e.g. connection refused.
     */
    public static int connect(final InetSocketAddress address) throws PosixException
    {
        final int fd = open(SockAddr.familyOf(address));
        try
        {
            return Libc.call((arena, state) ->
            {
                final MemorySegment sa = SockAddr.encode(arena, address);
                check("connect", state, (int)CONNECT.call(state, (long)fd, Libc.address(sa), sa.byteSize()));
                return fd;
            });
        }
        catch (final PosixException | RuntimeException ex)
        {
            closeQuietly(fd);
            throw ex;
        }
    }

    /**
     * Binds a socket to a local address.
     *
     * @param fd      the socket.
     * @param address where; port 0 for one chosen by the kernel.
     * @throws PosixException e.g. {@code EADDRINUSE}.
     */
    public static void bind(final int fd, final InetSocketAddress address) throws PosixException
    {
        Libc.call((arena, state) ->
        {
            final MemorySegment sa = SockAddr.encode(arena, address);
            return check("bind", state, (int)BIND.call(state, (long)fd, Libc.address(sa), sa.byteSize()));
        });
    }

    /** Turns on TCP keepalive, so a peer that vanished without a FIN is noticed instead of waited for forever. */
    public static void setKeepAlive(final int fd) throws PosixException
    {
        SocketOptions.setInt(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    }

    /** @return whether TCP keepalive is on. */
    public static boolean keepAlive(final int fd) throws PosixException
    {
        return 0 != SocketOptions.getInt(fd, SOL_SOCKET, SO_KEEPALIVE);
    }

    /** @return the local address of a socket, e.g. the port the kernel chose for a listener. */
    public static InetSocketAddress localAddress(final int fd) throws PosixException
    {
        return name(GETSOCKNAME, "getsockname", fd);
    }

    /** @return the address of a connected socket's peer; an IPv4 peer of a dual-stack socket as IPv4. */
    public static InetSocketAddress peerAddress(final int fd) throws PosixException
    {
        return name(GETPEERNAME, "getpeername", fd);
    }

    /**
     * Shuts one or both directions down. {@code ENOTCONN} means the connection is already closed both ways
     * (the peer reset it, or both sides finished): there is nothing left to shut, so it is not an error.
     *
     * @param how {@link #SHUT_WR} or {@link #SHUT_RDWR}.
     * @return false if the connection was already gone.
     * @throws PosixException for any other error, which would be a bug (a bad descriptor).
     */
    public static boolean shutdown(final int fd, final int how) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            if (0 == (int)SHUTDOWN.call(state, (long)fd, (long)how))
            {
                return true;
            }
            final int errno = Libc.errno(state);
            if (Errno.ENOTCONN == errno)
            {
                return false;
            }
            throw new PosixException("shutdown", errno);
        });
    }

    /** Closes a descriptor; an error from {@code close} (EINTR or EIO, after which it is closed anyway) is ignored. */
    public static void closeQuietly(final int fd)
    {
        if (fd < 0)
        {
            return;
        }
        try
        {
            Libc.call((arena, state) -> (int)CLOSE.call(state, (long)fd));
        }
        catch (final PosixException ignore)
        {
            // close never reports PosixException: the descriptor is released whatever it returns.
        }
    }

    private static int open(final int family) throws PosixException
    {
        return Libc.call((arena, state) ->
            aboveStdio(check("socket", state, (int)SOCKET.call(state, (long)family,
                (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L))));
    }

    /** Moves a descriptor that landed on 0, 1 or 2 (closed in this process) to 3 or above, close-on-exec. */
    static int aboveStdio(final int fd) throws PosixException
    {
        if (fd >= FIRST_FREE_FD)
        {
            return fd;
        }
        try
        {
            return Libc.call((arena, state) ->
                check("fcntl", state, (int)(long)Fcntl.HANDLE.invokeExact(state, (long)fd, (long)F_DUPFD_CLOEXEC, (long)FIRST_FREE_FD)));
        }
        finally
        {
            closeQuietly(fd);
        }
    }

    private static InetSocketAddress name(final CFunction call, final String callName, final int fd) throws PosixException
    {
        return Libc.call((arena, state) ->
        {
            final MemorySegment sa = arena.allocate(SockAddr.STORAGE_BYTES);
            final MemorySegment length = arena.allocateFrom(JAVA_INT, SockAddr.STORAGE_BYTES);
            check(callName, state, (int)call.call(state, (long)fd, Libc.address(sa), Libc.address(length)));
            return SockAddr.decode(sa);
        });
    }

    /** Variadic {@code fcntl}, linked (a downcall class of its own) only by a process that needs it, which is rare. */
    private static final class Fcntl
    {
        static final MethodHandle HANDLE = Libc.variadicWithErrno("fcntl", 3, 2);
    }
}
