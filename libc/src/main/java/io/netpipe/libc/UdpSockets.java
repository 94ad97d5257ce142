package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;

import static io.netpipe.libc.Libc.check;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * IPv4 UDP sockets as raw descriptors, for a transport that batches with {@code sendmmsg} and {@code recvmmsg}
 * ({@link MultiMessage}): non-blocking and close-on-exec from the start, plus the option numbers it sets.
 */
public final class UdpSockets
{
    /** {@code SO_REUSEADDR}: several receivers on one host share a port. */
    public static final int SO_REUSEADDR = 2;
    /** {@code SO_BROADCAST}: allow sends to a broadcast address. */
    public static final int SO_BROADCAST = 6;
    /** {@code SO_SNDBUF}; the kernel doubles the value asked for and caps it at {@code net.core.wmem_max}. */
    public static final int SO_SNDBUF = 7;
    /** {@code SO_RCVBUF}; the kernel doubles the value asked for and caps it at {@code net.core.rmem_max}. */
    public static final int SO_RCVBUF = 8;
    /** {@code IP_MULTICAST_IF}, with a {@code struct ip_mreqn}. */
    public static final int IP_MULTICAST_IF = 32;
    /** {@code IP_MULTICAST_TTL}. */
    public static final int IP_MULTICAST_TTL = 33;
    /** {@code IP_MULTICAST_LOOP}. */
    public static final int IP_MULTICAST_LOOP = 34;
    /** {@code IP_ADD_MEMBERSHIP}, with a {@code struct ip_mreqn}. */
    public static final int IP_ADD_MEMBERSHIP = 35;
    /** {@code IP_DROP_MEMBERSHIP}, with a {@code struct ip_mreqn}. */
    public static final int IP_DROP_MEMBERSHIP = 36;
    /** {@code UDP_SEGMENT} (GSO): as an option or a cmsg, the segment size a large send is cut into. */
    public static final int UDP_SEGMENT = 103;
    /** {@code UDP_GRO}: as an option, allow coalesced receives; as a cmsg, their segment size. */
    public static final int UDP_GRO = 104;

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** {@code struct ip_mreqn}: multiaddr[4] | address[4] | ifindex int. */
    private static final int MREQN_BYTES = 12;
    private static final int MREQN_IFINDEX_OFFSET = 8;

    private static final CFunction SOCKET = Libc.function("socket");

    private UdpSockets()
    {
    }

    /**
     * @return a new non-blocking, close-on-exec IPv4 UDP socket, never on descriptor 0, 1 or 2.
     * @throws PosixException e.g. {@code EMFILE}.
     */
    public static int open() throws PosixException
    {
        return Sockets.aboveStdio(Libc.call((arena, state) ->
            check("socket", state, (int)SOCKET.call(state, (long)AF_INET,
                (long)(SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC), 0L))));
    }

    /**
     * Joins ({@link #IP_ADD_MEMBERSHIP}) or leaves ({@link #IP_DROP_MEMBERSHIP}) a multicast group.
     *
     * @param ifindex the interface's index, 0 for the routing table's choice.
     * @throws PosixException e.g. {@code EADDRINUSE} when already joined there.
     */
    public static void membership(final int fd, final int option, final Inet4Address group, final int ifindex)
        throws PosixException
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mreqn = arena.allocate(MREQN_BYTES);
            if (null != group)
            {
                MemorySegment.copy(group.getAddress(), 0, mreqn, JAVA_BYTE, 0, 4);
            }
            mreqn.set(JAVA_INT, MREQN_IFINDEX_OFFSET, ifindex);
            SocketOptions.set(fd, SocketOptions.IPPROTO_IP, option, mreqn);
        }
    }

    /**
     * Sends multicast out of one interface ({@link #IP_MULTICAST_IF} by index).
     *
     * @throws PosixException e.g. {@code ENODEV}.
     */
    public static void multicastInterface(final int fd, final int ifindex) throws PosixException
    {
        membership(fd, IP_MULTICAST_IF, null, ifindex);
    }
}
