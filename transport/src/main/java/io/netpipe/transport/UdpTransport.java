package io.netpipe.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** A {@link DatagramTransport} over one non-blocking IPv4 {@link DatagramChannel}: one system call a datagram. */
public final class UdpTransport implements GroupTransport
{
    private final DatagramChannel channel;
    /** The channel is the only key: that it woke the selector is all a waiting receiver needs. */
    private static final Consumer<SelectionKey> IGNORE_READY_KEY = key -> { };

    private final Selector selector;
    private final List<MembershipKey> memberships = new ArrayList<>();
    private final int receiveBufferBytes;
    /** One datagram at a time: NIO copies each into this buffer, the largest a UDP datagram over IPv4 can be. */
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);

    /**
     * Opens and binds the channel.
     *
     * @param options how to open it.
     * @throws IOException when the socket cannot be opened or bound (the message names the port).
     */
    public UdpTransport(final UdpOptions options) throws IOException
    {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferBytes());
            if (null != options.multicastInterface())
            {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, options.multicastInterface());
            }
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.multicastTtl());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            try
            {
                channel.bind(options.bindAddress());
            }
            catch (final IOException ex)
            {
                throw new java.net.BindException("UDP " + describe(options.bindAddress()) + ": " + ex.getMessage());
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            receiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static String describe(final InetSocketAddress address)
    {
        final InetAddress host = address.getAddress();
        return (null == host || host.isAnyLocalAddress() ? "port " : host.getHostAddress() + " port ") +
            address.getPort();
    }

    /** @return the receive buffer the kernel actually granted, in bytes. */
    @Override
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /** @return the bound local address. */
    public InetSocketAddress localAddress()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Joins a multicast group on an interface.
     *
     * @param group the IPv4 group.
     * @param nif   the interface.
     * @throws IOException when the join fails.
     */
    @Override
    public void join(final Inet4Address group, final NetworkInterface nif) throws IOException
    {
        memberships.add(channel.join(group, nif));
    }

    /**
     * Leaves a group and joins it again on the same interfaces, so the kernel sends fresh IGMP reports for it.
     *
     * @param group the IPv4 group, joined before with {@link #join}.
     * @throws IOException when a join fails; the interfaces joined by then keep their membership.
     */
    @Override
    public void rejoin(final Inet4Address group) throws IOException
    {
        for (int i = 0; i < memberships.size(); i++)
        {
            final MembershipKey key = memberships.get(i);
            if (group.equals(key.group()))
            {
                key.drop();
                memberships.set(i, channel.join(group, key.networkInterface()));
            }
        }
    }

    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to) throws IOException
    {
        final int position = datagram.position();
        final int sent = channel.send(datagram, to);
        datagram.position(position);
        return sent > 0 || datagram.remaining() == 0;
    }

    @Override
    public int receive(final DatagramHandler handler, final int limit) throws IOException
    {
        int count = 0;
        while (count < limit)
        {
            rx.clear();
            final InetSocketAddress from = (InetSocketAddress)channel.receive(rx);
            if (null == from)
            {
                break;
            }
            count++;
            handler.onDatagram(rx, 0, rx.position(), from);
        }
        return count;
    }

    @Override
    public String name()
    {
        return "nio";
    }

    @Override
    public void awaitReceive(final long timeoutNs) throws IOException
    {
        if (timeoutNs >= 1_000_000L)
        {
            // The action form: select(long) would add the ready key to a HashSet, one node allocated per wake-up.
            selector.select(IGNORE_READY_KEY, timeoutNs / 1_000_000L);
        }
        else if (timeoutNs > 0)
        {
            LockSupport.parkNanos(timeoutNs);
        }
    }

    @Override
    public void close() throws IOException
    {
        for (final MembershipKey key : memberships)
        {
            key.drop();
        }
        selector.close();
        channel.close();
    }
}
