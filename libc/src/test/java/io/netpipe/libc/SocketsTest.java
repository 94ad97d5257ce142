package io.netpipe.libc;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(10)
class SocketsTest
{
    private int listener = -1;
    private int client = -1;
    private int server = -1;

    @AfterEach
    void closeAll()
    {
        Sockets.closeQuietly(listener);
        Sockets.closeQuietly(client);
        Sockets.closeQuietly(server);
    }

    @Test
    void shouldConnectAndAcceptOnIpv4Loopback() throws Exception
    {
        pair("127.0.0.1");

        assertEquals(InetAddress.ofLiteral("127.0.0.1"), Sockets.peerAddress(server).getAddress());
        assertEquals(Sockets.localAddress(client), Sockets.peerAddress(server));
    }

    @Test
    void shouldConnectAndAcceptOnIpv6Loopback() throws Exception
    {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback on this host");

        pair("::1");

        assertEquals(InetAddress.ofLiteral("::1"), Sockets.peerAddress(server).getAddress());
    }

    @Test
    void shouldReportIpv4PeerOfDualStackListenerAsIpv4() throws Exception
    {
        assumeTrue(ipv6Loopback(), "no IPv6 on this host");
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("::"), 0), 1);
        client = Sockets.connect(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), Sockets.localAddress(listener).getPort()));
        server = Sockets.accept(listener);

        assertInstanceOf(Inet4Address.class, Sockets.peerAddress(server).getAddress());
    }

    @Test
    void shouldCarryBytesBothWays() throws Exception
    {
        pair("127.0.0.1");
        SocketIo.sendAll(client, "ping".getBytes(StandardCharsets.US_ASCII));
        SocketIo.sendAll(server, "pong".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), readExactly(server, 4));
        assertArrayEquals("pong".getBytes(StandardCharsets.US_ASCII), readExactly(client, 4));
    }

    @Test
    void shouldTurnKeepAliveOn() throws Exception
    {
        pair("127.0.0.1");
        assertFalse(Sockets.keepAlive(server));

        Sockets.setKeepAlive(server);

        assertTrue(Sockets.keepAlive(server));
    }

    @Test
    void shouldTreatShutdownOfResetConnectionAsAlreadyClosed() throws Exception
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        final Socket peer = new Socket(InetAddress.ofLiteral("127.0.0.1"), Sockets.localAddress(listener).getPort());
        server = Sockets.accept(listener);
        peer.setSoLinger(true, 0);
        peer.close();
        assertTrue(0 != Poll.await(5_000, server), "the reset makes the socket readable");

        assertFalse(Sockets.shutdown(server, Sockets.SHUT_WR));
    }

    @Test
    void shouldShutDownOpenConnection() throws Exception
    {
        pair("127.0.0.1");

        assertTrue(Sockets.shutdown(client, Sockets.SHUT_WR));
        assertEquals(0, SocketIo.recv(server, new byte[1], 0, 1), "the peer reads end of file");
    }

    @Test
    void shouldDiscardWhatArrivesAndThenReadEndOfFile() throws Exception
    {
        pair("127.0.0.1");
        SocketIo.sendAll(client, new byte[100_000]);
        Sockets.shutdown(client, Sockets.SHUT_WR);

        long dropped = 0;
        long n;
        while ((n = SocketIo.discard(server, 1 << 20)) > 0)
        {
            dropped += n;
        }

        assertEquals(100_000, dropped, "every byte sent is dropped, then end of file");
    }

    @Test
    void shouldTimeOutPollOnIdleListener() throws Exception
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);

        assertEquals(0, Poll.await(50, listener));
    }

    @Test
    void shouldWakePollFromAnotherThreadWithEventFd() throws Exception
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        try (EventFd wake = EventFd.create())
        {
            Thread.ofPlatform().start(wake::signal);

            assertEquals(0b10, Poll.await(Poll.FOREVER, listener, wake.fd()));
        }
    }

    @Test
    void shouldNameTheFailedCallAndReason() throws Exception
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        final InetSocketAddress closed = Sockets.localAddress(listener);
        Sockets.closeQuietly(listener);
        listener = -1;

        final PosixException ex = assertThrows(PosixException.class, () -> Sockets.connect(closed));

        assertEquals("connect: Connection refused", ex.getMessage());
    }

    private void pair(final String host) throws Exception
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral(host), 0), 1);
        client = Sockets.connect(Sockets.localAddress(listener));
        server = Sockets.accept(listener);
    }

    private static byte[] readExactly(final int fd, final int length) throws PosixException
    {
        final byte[] data = new byte[length];
        int have = 0;
        while (have < length)
        {
            final int n = SocketIo.recv(fd, data, have, length - have);
            assertTrue(n > 0, "unexpected end of stream");
            have += n;
        }
        return data;
    }

    static boolean ipv6Loopback()
    {
        try
        {
            Sockets.closeQuietly(Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0), 1));
            return true;
        }
        catch (final PosixException ex)
        {
            return false;
        }
    }
}
