package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's socket tables as text: the relay finds its sockets' send queues by their address pairs. */
class SendQueuesTest
{
    private static final String HEADER =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @TempDir
    Path dir;

    @Test
    void shouldFindAnIpv4SocketsSendQueue() throws IOException
    {
        assumeTrue(ByteOrder.LITTLE_ENDIAN == ByteOrder.nativeOrder(), "the fixture is a little-endian table");
        final Path tcp = Files.writeString(dir.resolve("tcp"), HEADER +
            "   0: 0100007F:1F90 0100007F:A1B2 01 0003A000:00000000 00:00000000 00000000     0        0 1 1\n");
        final SendQueues queues = new SendQueues(List.of(tcp));
        assertEquals(0x3A000, queues.queued(v4(8080), v4(0xA1B2)));
        assertEquals(-1, queues.queued(v4(8081), v4(0xA1B2)), "another socket");
    }

    @Test
    void shouldFindAnIpv4SocketOfADualStackListenerInTheIpv6Table() throws IOException
    {
        assumeTrue(ByteOrder.LITTLE_ENDIAN == ByteOrder.nativeOrder(), "the fixture is a little-endian table");
        final Path tcp6 = Files.writeString(dir.resolve("tcp6"), HEADER +
            "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:A1B2 01 "
            + "00000400:00000000 00:00000000 00000000     0        0 1 1\n");
        assertEquals(0x400, new SendQueues(List.of(tcp6)).queued(v4(8080), v4(0xA1B2)));
    }

    @Test
    void shouldFindNothingWithoutTables()
    {
        assertEquals(-1, new SendQueues(List.of(dir.resolve("absent"))).queued(v4(1), v4(2)));
    }

    @Test
    void shouldFindARealSocketOfThisProcess() throws IOException
    {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp here");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
            java.nio.channels.SocketChannel accepted = server.accept())
        {
            assertEquals(0, new SendQueues().queued((InetSocketAddress)client.getLocalAddress(),
                (InetSocketAddress)client.getRemoteAddress()), "connected, nothing unacknowledged");
        }
    }

    private static InetSocketAddress v4(final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port);
    }
}
