package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** The transport contract over the portable NIO transport, on loopback. */
class UdpTransportContractTest extends DatagramTransportContract
{
    /** Room for every test's datagrams at once (the kernel may cap it at net.core.rmem_max). */
    static final int BUFFER_BYTES = 4 << 20;

    /** @return where an endpoint binds: 127.0.0.1, or the wildcard for one a loopback broadcast must reach. */
    static InetSocketAddress bindAddress(final int port, final boolean shared)
    {
        return new InetSocketAddress(shared ? InetAddress.ofLiteral("0.0.0.0") : InetAddress.ofLiteral("127.0.0.1"), port);
    }

    static UdpOptions options(final int port, final boolean shared)
    {
        return new UdpOptions(bindAddress(port, shared), shared, BUFFER_BYTES, BUFFER_BYTES, null, 1);
    }

    @Override
    protected Endpoint open(final int port, final boolean shared) throws IOException
    {
        final UdpTransport transport = new UdpTransport(options(port, shared));
        return new Endpoint(transport, transport.localAddress());
    }

    @Override
    protected InetSocketAddress broadcast(final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral("127.255.255.255"), port);
    }

    @Test
    void shouldNamePortWhenBindFails() throws IOException
    {
        try (UdpTransport first = new UdpTransport(options(0, false)))
        {
            final int port = first.localAddress().getPort();

            final BindException ex = assertThrows(BindException.class, () -> new UdpTransport(options(port, false)).close());

            assertTrue(ex.getMessage().contains("port " + port), ex.getMessage());
        }
    }
}
