package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;import org.junit.jupiter.api.BeforeAll;

import io.netpipe.transport.DatagramTransportContract;
import io.netpipe.transport.UdpOptions;

/** The transport contract over the Linux transport with GSO and GRO, on loopback; skipped off Linux. */
class LinuxUdpTransportContractTest extends DatagramTransportContract
{
    static final int BUFFER_BYTES = 4 << 20;

    @BeforeAll
    static void linuxTransportAvailable()
    {
        assumeTrue(null == LinuxUdpTransport.unavailableReason(),
            () -> "the Linux transport cannot run here: " + LinuxUdpTransport.unavailableReason());
    }

    static UdpOptions options(final int port, final boolean shared)
    {
        final InetAddress host = shared ? InetAddress.ofLiteral("0.0.0.0") : InetAddress.ofLiteral("127.0.0.1");
        return new UdpOptions(new InetSocketAddress(host, port), shared, BUFFER_BYTES, BUFFER_BYTES, null, 1);
    }

    /** What the transports said about GSO or GRO being refused: on loopback, nothing, or the test ran without. */
    private final List<String> notices = new CopyOnWriteArrayList<>();

    /** @return GSO and GRO on; subclasses turn them off. */
    LinuxOptions linuxOptions()
    {
        return LinuxOptions.defaults();
    }

    @AfterEach
    void kernelRefusedNothing()
    {
        assertEquals(List.of(), notices, "GSO or GRO fell back, so the test did not cover them");
    }

    @Override
    protected Endpoint open(final int port, final boolean shared) throws IOException
    {
        final LinuxUdpTransport transport = new LinuxUdpTransport(options(port, shared),
            linuxOptions().withListeners(text -> { }, notices::add));
        return new Endpoint(transport, transport.localAddress());
    }

    @Override
    protected InetSocketAddress broadcast(final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral("127.255.255.255"), port);
    }
}
