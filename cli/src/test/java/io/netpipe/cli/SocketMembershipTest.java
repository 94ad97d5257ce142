package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.transport.GroupTransport;

/**
 * A silent multicast session renews every membership the receiver holds: joining, the announcements it waits for
 * come on the rendezvous group, not on the session's group (a lab receiver whose report the bridge never registered
 * renewed only the session's group 27 times, and gave the session up).
 */
class SocketMembershipTest
{
    private static final Inet4Address RENDEZVOUS = (Inet4Address)InetAddress.ofLiteral(Interfaces.RENDEZVOUS_GROUP);
    private static final Inet4Address SESSION = (Inet4Address)InetAddress.ofLiteral("239.213.9.7");
    private static final Inet4Address GONE = (Inet4Address)InetAddress.ofLiteral("239.213.9.8");

    private final List<String> rejoined = new ArrayList<>();
    private final GroupTransport transport = (GroupTransport)Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {GroupTransport.class}, (proxy, method, args) ->
        {
            if ("rejoin".equals(method.getName()))
            {
                if (GONE.equals(args[0]))
                {
                    throw new IOException("No such device");
                }
                rejoined.add(((Inet4Address)args[0]).getHostAddress());
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });

    @Test
    void shouldRenewEveryGroupJoinedOnceEach() throws IOException
    {
        final SocketMembership membership = new SocketMembership(transport, List.of());
        membership.join(RENDEZVOUS);
        membership.join(SESSION);
        membership.join(SESSION);

        membership.renew();

        assertEquals(List.of(Interfaces.RENDEZVOUS_GROUP, "239.213.9.7"), rejoined);
    }

    @Test
    void shouldRenewTheOtherGroupsWhenOneFailsAndThenSaySo() throws IOException
    {
        final SocketMembership membership = new SocketMembership(transport, List.of());
        membership.join(GONE);
        membership.join(RENDEZVOUS);

        final IOException thrown = assertThrows(IOException.class, membership::renew);

        assertEquals("No such device", thrown.getMessage());
        assertEquals(List.of(Interfaces.RENDEZVOUS_GROUP), rejoined);
    }
}
