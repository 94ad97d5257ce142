package io.netpipe.cli;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.netpipe.receiver.GroupMembership;
import io.netpipe.transport.GroupTransport;

/**
 * The receiver's multicast memberships on its socket: every group joined on every multicast-capable interface
 * asked for, and all of them renewed together, because a silent session does not say which one the switch forgot.
 */
final class SocketMembership implements GroupMembership
{
    private final GroupTransport transport;
    private final List<NetworkInterface> interfaces;
    private final Set<Inet4Address> joined = new LinkedHashSet<>();

    /**
     * @param transport  the receiver's socket.
     * @param interfaces where to join.
     */
    SocketMembership(final GroupTransport transport, final List<NetworkInterface> interfaces)
    {
        this.transport = transport;
        this.interfaces = interfaces;
    }

    @Override
    public void join(final Inet4Address group) throws IOException
    {
        joined.add(group); // first: a join that failed on one interface is renewed on those where it worked
        for (final NetworkInterface n : interfaces)
        {
            transport.join(group, n);
        }
    }

    /** Renews every group, even when one fails; the first failure is thrown once all were tried. */
    @Override
    public void renew() throws IOException
    {
        IOException failed = null;
        for (final Inet4Address group : joined)
        {
            try
            {
                transport.rejoin(group);
            }
            catch (final IOException ex)
            {
                failed = null == failed ? ex : failed;
            }
        }
        if (null != failed)
        {
            throw failed;
        }
    }
}
