package io.netpipe.transport;

import java.net.InetSocketAddress;

/** The transport contract over the in-memory network without loss: what the protocol tests stand on. */
class InMemoryNetworkContractTest extends DatagramTransportContract
{
    private final InMemoryNetwork network = new InMemoryNetwork(7, 0, 0, 0);
    private int hosts;
    private int ports = 40_000;

    @Override
    protected Endpoint open(final int port, final boolean shared)
    {
        final InetSocketAddress address = new InetSocketAddress("10.0.0." + ++hosts, 0 == port ? ports++ : port);
        return new Endpoint(network.endpoint(address), address);
    }

    @Override
    protected InetSocketAddress broadcast(final int port)
    {
        return new InetSocketAddress("10.0.0.255", port);
    }
}
