package io.netpipe.transport.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netpipe.libc.Errno;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketOptions;
import io.netpipe.libc.Sockets;
import io.netpipe.libc.UdpSockets;
import io.netpipe.transport.DatagramHandler;
import io.netpipe.transport.GroupTransport;
import io.netpipe.transport.UdpOptions;

/**
 * A {@link io.netpipe.transport.DatagramTransport} over a raw Linux UDP socket through the FFM API: {@link #send} queues, {@link #flush}
 * sends the queue with {@code sendmmsg}, runs of equal datagrams to one destination as single UDP GSO messages;
 * {@link #receive} fetches a batch with {@code recvmmsg}, with UDP GRO on, and hands each datagram over in place.
 * GSO refused at run time (a device without checksum offload says EIO) is switched off for good, and said once to
 * the {@link LinuxOptions#notices} listener; the transport carries on with plain {@code sendmmsg}. Steady state
 * allocates nothing. One thread uses it.
 */
public final class LinuxUdpTransport implements GroupTransport
{
    private final int fd;
    private final Arena arena;
    private final SocketWaiter waiter;
    private final MmsgSender sender;
    private final MmsgReceiver receiver;
    private final int receiveBufferBytes;
    private final boolean gro;
    private final List<Membership> memberships = new ArrayList<>();
    private boolean closed;

    private record Membership(Inet4Address group, int ifindex)
    {
    }

    /**
     * Opens and binds the socket.
     *
     * @param options as for {@link io.netpipe.transport.UdpTransport}.
     * @param linux   GSO, GRO, batch sizes and listeners.
     * @throws TransportUnavailableException when this system cannot run it: fall back to the NIO transport.
     * @throws IOException                   when the socket cannot be opened or bound (the message names the port).
     */
    public LinuxUdpTransport(final UdpOptions options, final LinuxOptions linux) throws IOException
    {
        final String why = unavailableReason();
        if (null != why)
        {
            throw new TransportUnavailableException(why);
        }
        fd = UdpSockets.open();
        arena = Arena.ofShared();
        try
        {
            SocketOptions.setInt(fd, SocketOptions.SOL_SOCKET, UdpSockets.SO_REUSEADDR, options.reuseAddress() ? 1 : 0);
            SocketOptions.setInt(fd, SocketOptions.SOL_SOCKET, UdpSockets.SO_BROADCAST, 1);
            receiveBufferBytes = buffer(UdpSockets.SO_RCVBUF, "receive", options.receiveBufferBytes(), linux);
            buffer(UdpSockets.SO_SNDBUF, "send", options.sendBufferBytes(), linux);
            if (null != options.multicastInterface())
            {
                UdpSockets.multicastInterface(fd, options.multicastInterface().getIndex());
            }
            SocketOptions.setInt(fd, SocketOptions.IPPROTO_IP, UdpSockets.IP_MULTICAST_TTL, options.multicastTtl());
            SocketOptions.setInt(fd, SocketOptions.IPPROTO_IP, UdpSockets.IP_MULTICAST_LOOP, 1);
            bind(options.bindAddress());
            gro = linux.gro() && optional(UdpSockets.UDP_GRO, true, "GRO", linux);
            final boolean gso = linux.gso() && optional(UdpSockets.UDP_SEGMENT, false, "GSO", linux);
            waiter = new SocketWaiter(fd, arena);
            sender = new MmsgSender(fd, arena, linux.sendQueue(), gso, waiter, linux.notices());
            receiver = new MmsgReceiver(fd, arena, linux.receiveBatch());
        }
        catch (final IOException | RuntimeException ex)
        {
            Sockets.closeQuietly(fd);
            arena.close();
            throw ex;
        }
    }

    /**
     * @return null when this JVM can run the Linux transport, else why not (so the CLI can fall back to NIO).
     */
    public static String unavailableReason()
    {
        if (!System.getProperty("os.name", "").startsWith("Linux"))
        {
            return "not Linux";
        }
        final String arch = System.getProperty("os.arch", "");
        if (!"amd64".equals(arch) && !"aarch64".equals(arch))
        {
            return "structure layouts known for amd64 and aarch64 only, not " + arch;
        }
        try
        {
            Class.forName("io.netpipe.libc.MultiMessage", true, LinuxUdpTransport.class.getClassLoader());
            return null;
        }
        catch (final ClassNotFoundException | LinkageError | IllegalCallerException ex)
        {
            return "cannot link sendmmsg and recvmmsg: " + ex.getMessage();
        }
    }

    private void bind(final InetSocketAddress address) throws IOException
    {
        try
        {
            Sockets.bind(fd, address);
        }
        catch (final PosixException ex)
        {
            final String host = null == address.getAddress() || address.getAddress().isAnyLocalAddress() ? "port " :
                address.getAddress().getHostAddress() + " port ";
            throw new BindException("UDP " + host + address.getPort() + ": " + ex.reason());
        }
    }

    /** Asks for a buffer size and reads back what the kernel granted (it doubles the value, capped at *mem_max). */
    private int buffer(final int option, final String what, final int bytes, final LinuxOptions linux) throws PosixException
    {
        SocketOptions.setInt(fd, SocketOptions.SOL_SOCKET, option, bytes);
        final int granted = SocketOptions.getInt(fd, SocketOptions.SOL_SOCKET, option);
        if (granted / 2 < bytes)
        {
            linux.warnings().accept("UDP " + what + " buffer capped at " + granted / 2 + " bytes of the " + bytes +
                " asked for (sysctl net.core." + (UdpSockets.SO_RCVBUF == option ? "rmem_max" : "wmem_max") + ")");
        }
        return granted;
    }

    /** Switches GRO on, or checks the kernel knows GSO; on ENOPROTOOPT and the like says so once and goes without. */
    private boolean optional(final int option, final boolean set, final String name, final LinuxOptions linux)
    {
        try
        {
            if (set)
            {
                SocketOptions.setInt(fd, SocketOptions.SOL_UDP, option, 1);
            }
            else
            {
                SocketOptions.getInt(fd, SocketOptions.SOL_UDP, option);
            }
            return true;
        }
        catch (final PosixException ex)
        {
            linux.notices().accept("UDP " + name + " unavailable (" + ex.reason() + "): going without it");
            return false;
        }
    }

    /** @return the bound local address. */
    public InetSocketAddress localAddress() throws IOException
    {
        return Sockets.localAddress(fd);
    }

    /** @return whether sends still use UDP GSO (false once the kernel refused it). */
    public boolean gsoActive()
    {
        return sender.gso();
    }

    /** @return whether the kernel may coalesce received datagrams (UDP GRO is on). */
    public boolean groActive()
    {
        return gro;
    }

    /** @return messages dropped because the kernel truncated them or their control data; 0 unless a bug. */
    public long truncatedMessages()
    {
        return receiver.truncated();
    }

    /** @return received messages the kernel had coalesced (GRO) and that were split again. */
    public long coalescedMessages()
    {
        return receiver.coalesced();
    }

    /**
     * Joins a multicast group on an interface.
     *
     * @throws IOException when the join fails.
     */
    @Override
    public void join(final Inet4Address group, final NetworkInterface nif) throws IOException
    {
        final Membership membership = new Membership(group, nif.getIndex());
        // Idempotent, as NIO's join is: a group given with --group is joined again when the session announces it,
        // and the kernel answers a second IP_ADD_MEMBERSHIP with EADDRINUSE.
        if (memberships.contains(membership))
        {
            return;
        }
        UdpSockets.membership(fd, UdpSockets.IP_ADD_MEMBERSHIP, group, nif.getIndex());
        memberships.add(membership);
    }

    /**
     * Leaves a group and joins it again on the same interfaces, so the kernel sends fresh IGMP reports for it.
     *
     * @throws IOException when a join fails; the interfaces joined by then keep their membership.
     */
    @Override
    public void rejoin(final Inet4Address group) throws IOException
    {
        for (final Membership membership : memberships)
        {
            if (group.equals(membership.group()))
            {
                try
                {
                    UdpSockets.membership(fd, UdpSockets.IP_DROP_MEMBERSHIP, group, membership.ifindex());
                }
                catch (final PosixException ex)
                {
                    if (Errno.EADDRNOTAVAIL != ex.errno())
                    {
                        throw ex; // EADDRNOTAVAIL: not a member any more (the interface went down); join again
                    }
                }
                UdpSockets.membership(fd, UdpSockets.IP_ADD_MEMBERSHIP, group, membership.ifindex());
            }
        }
    }

    /** Queues the datagram; a full queue is flushed first. Always true: the queue never refuses. */
    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to) throws IOException
    {
        sender.send(datagram, to);
        return true;
    }

    /** Sends the queue, waiting for room in the socket's send buffer when it is full; on an error drops the rest. */
    @Override
    public void flush() throws IOException
    {
        sender.flush();
    }

    @Override
    public int receive(final DatagramHandler handler, final int limit) throws IOException
    {
        return receiver.receive(handler, limit);
    }

    @Override
    public void awaitReceive(final long timeoutNs) throws IOException
    {
        if (!receiver.hasMore())
        {
            waiter.awaitReadable(timeoutNs);
        }
    }

    @Override
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    @Override
    public String name()
    {
        return "linux";
    }

    /** Closes the socket (leaving its groups) and frees the native buffers; queued datagrams are dropped. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Sockets.closeQuietly(fd);
            arena.close();
        }
    }
}
