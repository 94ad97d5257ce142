package io.netpipe.socketpipe;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netpipe.socketpipe.Children.Role;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.Sockets;
import io.netpipe.libc.Spawn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class ListenerTest
{
    private static final Map<String, String> ENV = System.getenv();

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void shouldListenOnlyOnTheGivenLocalAddress() throws Exception
    {
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")))
        {
            assertTrue(listener.port() > 0);
        }
    }

    @Test
    void shouldPassThroughStatusOfLoginThatEndsBeforeConnecting() throws Exception
    {
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("sh", "-c", "exit 3"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), PeerCheck::any, children, null, "", warnings::add));

            assertEquals(3, ex.status());
            assertEquals("the login command ended with exit status 3 before the remote side connected back", ex.getMessage());
        }
    }

    @Test
    void shouldFailWithIoWhenLoginSucceedsWithoutConnecting() throws Exception
    {
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("true"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), PeerCheck::any, children, null, "", warnings::add));

            assertEquals(SocketpipeException.Kind.IO, ex.kind());
        }
    }

    @Test
    void shouldTimeOutWhenNobodyConnects() throws Exception
    {
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), PeerCheck::any, children, System.nanoTime() + 300_000_000L, "300ms", warnings::add));

            assertEquals(SocketpipeException.Kind.TIMEOUT, ex.kind());
            assertEquals("the remote side did not connect back within 300ms", ex.getMessage());
        }
    }

    @Test
    void shouldDropStrangerAndAcceptTheServerInstance() throws Exception
    {
        final Pairing pairing = Pairing.random();
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children();
            Socket stranger = new Socket(InetAddress.ofLiteral("127.0.0.1"), listener.port()))
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));
            final OutputStream out = stranger.getOutputStream();
            out.write(new byte[Pairing.MESSAGE_BYTES]);
            out.flush();
            final int port = listener.port();
            final CompletableFuture<Boolean> partner = CompletableFuture.supplyAsync(() -> offer(pairing, port));

            final int conn = listener.accept(pairing, PeerCheck::thisHost, children, null, "", warnings::add);

            Sockets.closeQuietly(conn);
            assertTrue(partner.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("ignored a connection from 127.0.0.1:" + stranger.getLocalPort() +
                ": it is not the netpipe started by the login command"), warnings);
        }
    }

    @Test
    void shouldCloseConnectionFromAnotherHostUnansweredEvenWithTheToken() throws Exception
    {
        final Pairing pairing = Pairing.random();
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));
            final CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> accept(listener, pairing, children));

            final boolean answered = offer(pairing, listener.port());

            children.terminateAll();
            assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertFalse(answered);
            assertEquals(List.of("ignored a connection from 127.0.0.1: not from the remote host 127.0.0.2 " +
                "(give -f 127.0.0.1 to accept it, or -f any)"), warnings);
        }
    }

    @Test
    void shouldAcceptTheServerInstanceFromTheExpectedHost() throws Exception
    {
        final Pairing pairing = Pairing.random();
        try (Listener listener = Listener.open(Listener.addresses("127.0.0.1")); Children children = new Children();
            Socket server = new Socket(InetAddress.ofLiteral("127.0.0.1"), listener.port(), InetAddress.ofLiteral("127.0.0.2"), 0))
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));
            server.getOutputStream().write(message("NPSP", pairing));

            final int conn = accept(listener, pairing, children);

            Sockets.closeQuietly(conn);
            assertArrayEquals(message("NPOK", pairing), server.getInputStream().readNBytes(Pairing.MESSAGE_BYTES));
            assertEquals(List.of(), warnings);
        }
    }

    /** Accepts with a check that expects the remote host at 127.0.0.2, another loopback address. */
    private int accept(final Listener listener, final Pairing pairing, final Children children)
    {
        final PeerCheck remoteHost = PeerCheck.host("the remote host", "127.0.0.2", InetAddress::getAllByName);
        try
        {
            return listener.accept(pairing, () -> remoteHost, children, null, "", warnings::add);
        }
        catch (final PosixException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The pairing messages as the wire format spells them: four magic bytes, then the token. */
    private static byte[] message(final String magic, final Pairing pairing)
    {
        final byte[] token = HexFormat.of().parseHex(pairing.hex());
        final byte[] message = Arrays.copyOf(magic.getBytes(StandardCharsets.US_ASCII), Pairing.MESSAGE_BYTES);
        System.arraycopy(token, 0, message, magic.length(), token.length);
        return message;
    }

    private static boolean offer(final Pairing pairing, final int port)
    {
        int fd = -1;
        try
        {
            fd = Sockets.connect(new java.net.InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port));
            return Pairing.of(pairing.hex()).offer(fd, System.nanoTime() + 5_000_000_000L);
        }
        catch (final PosixException ex)
        {
            return false;
        }
        finally
        {
            Sockets.closeQuietly(fd);
        }
    }
}
