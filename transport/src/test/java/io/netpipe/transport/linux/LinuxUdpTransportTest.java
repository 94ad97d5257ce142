package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.transport.DatagramTransportContract;
import io.netpipe.transport.UdpOptions;

/** What the Linux transport does beyond the contract: GRO really coalesces, buffers and warnings, bind errors. */
@Timeout(30)
class LinuxUdpTransportTest
{
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void linuxTransportAvailable()
    {
        assumeTrue(null == LinuxUdpTransport.unavailableReason(),
            () -> "the Linux transport cannot run here: " + LinuxUdpTransport.unavailableReason());
    }

    private LinuxUdpTransport open(final UdpOptions options) throws IOException
    {
        return new LinuxUdpTransport(options, LinuxOptions.defaults().withListeners(warnings::add, notices::add));
    }

    @Test
    void shouldSplitWhatGroCoalescedFromOneGsoSend() throws IOException
    {
        try (LinuxUdpTransport a = open(LinuxUdpTransportContractTest.options(0, false));
             LinuxUdpTransport b = open(LinuxUdpTransportContractTest.options(0, false)))
        {
            assumeTrue(a.gsoActive() && b.groActive(), "this kernel has no UDP GSO or GRO");
            final List<ByteBuffer> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++)
            {
                sent.add(DatagramTransportContract.datagram(i, 1400));
                a.send(sent.get(i), b.localAddress());
            }
            a.flush();

            final List<DatagramTransportContract.Received> received = receiveAll(b, 40);

            assertEquals(40, received.size());
            for (int i = 0; i < 40; i++)
            {
                final byte[] bytes = new byte[1400];
                sent.get(i).get(sent.get(i).position(), bytes);
                assertEquals(ByteBuffer.wrap(bytes), ByteBuffer.wrap(received.get(i).bytes()), "datagram " + i);
            }
            assertTrue(b.coalescedMessages() > 0, "loopback hands a GSO send to a GRO socket whole");
            assertEquals(0, b.truncatedMessages());
            assertTrue(a.gsoActive(), "GSO still on");
            assertEquals(List.of(), notices);
        }
    }

    private static List<DatagramTransportContract.Received> receiveAll(final LinuxUdpTransport transport, final int count)
        throws IOException
    {
        final List<DatagramTransportContract.Received> received = new ArrayList<>();
        while (received.size() < count)
        {
            if (0 == transport.receive((buffer, offset, length, from) ->
            {
                final byte[] bytes = new byte[length];
                buffer.get(offset, bytes);
                received.add(new DatagramTransportContract.Received(bytes, from));
            }, 64))
            {
                transport.awaitReceive(100_000_000L);
            }
        }
        return received;
    }

    @Test
    void shouldWarnOnceWhenTheKernelCapsTheReceiveBuffer() throws IOException
    {
        final int huge = 1 << 30;
        final UdpOptions options = new UdpOptions(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), false,
            huge, 1 << 16, null, 1);
        try (LinuxUdpTransport transport = open(options))
        {
            assertTrue(transport.receiveBufferBytes() < huge);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("rmem_max"), warnings.get(0));
        }
    }

    @Test
    void shouldNamePortWhenBindFails() throws IOException
    {
        try (LinuxUdpTransport first = open(LinuxUdpTransportContractTest.options(0, false)))
        {
            final int port = first.localAddress().getPort();

            final BindException ex = assertThrows(BindException.class,
                () -> open(LinuxUdpTransportContractTest.options(port, false)).close());

            assertTrue(ex.getMessage().contains("port " + port), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseADatagramLongerThanUdpAllows() throws IOException
    {
        try (LinuxUdpTransport a = open(LinuxUdpTransportContractTest.options(0, false)))
        {
            final IOException ex = assertThrows(IOException.class,
                () -> a.send(ByteBuffer.allocateDirect(65_508), a.localAddress()));

            assertTrue(ex.getMessage().contains("65507"), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAnIpv6Destination() throws IOException
    {
        try (LinuxUdpTransport a = open(LinuxUdpTransportContractTest.options(0, false)))
        {
            final IOException ex = assertThrows(IOException.class,
                () -> a.send(ByteBuffer.allocateDirect(8), new InetSocketAddress(InetAddress.ofLiteral("::1"), 9)));

            assertTrue(ex.getMessage().contains("IPv4"), ex.getMessage());
            assertFalse(ex.getMessage().isEmpty());
        }
    }
}
