package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netpipe.transport.linux.LinuxOptions;
import io.netpipe.transport.linux.LinuxUdpTransport;

/**
 * Joining a group twice is harmless on every real transport: a receiver given {@code --group} joins it again when
 * the session announces the same group (NIO returns the existing membership; the kernel answers EADDRINUSE).
 */
class GroupTransportJoinTest
{
    private static GroupTransport open(final String kind) throws IOException
    {
        final UdpOptions options = new UdpOptions(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), true,
            1 << 16, 1 << 16, null, 1);
        return "linux".equals(kind) ? new LinuxUdpTransport(options, LinuxOptions.defaults()) : new UdpTransport(options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "linux"})
    void shouldJoinTheSameGroupTwiceAndRejoinIt(final String kind) throws IOException
    {
        assumeTrue(!"linux".equals(kind) || null == LinuxUdpTransport.unavailableReason(),
            "the Linux transport runs on Linux only");
        final NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeTrue(null != lo, "needs a loopback interface named lo");
        final Inet4Address group = (Inet4Address)InetAddress.ofLiteral("239.213.77.1");
        try (GroupTransport transport = open(kind))
        {
            transport.join(group, lo);

            assertDoesNotThrow(() -> transport.join(group, lo));
            assertDoesNotThrow(() -> transport.rejoin(group));
        }
    }
}
