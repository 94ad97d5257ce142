package io.netpipe.socketpipe;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netpipe.socketpipe.Children.Role;
import io.netpipe.socketpipe.posix.PosixException;
import io.netpipe.socketpipe.posix.Sockets;
import io.netpipe.socketpipe.posix.Spawn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        try (Listener listener = Listener.open("127.0.0.1"))
        {
            assertTrue(listener.port() > 0);
        }
    }

    @Test
    void shouldPassThroughStatusOfLoginThatEndsBeforeConnecting() throws Exception
    {
        try (Listener listener = Listener.open("127.0.0.1"); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("sh", "-c", "exit 3"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), children, null, "", warnings::add));

            assertEquals(3, ex.status());
            assertEquals("the login command ended with exit status 3 before the remote side connected back", ex.getMessage());
        }
    }

    @Test
    void shouldFailWithIoWhenLoginSucceedsWithoutConnecting() throws Exception
    {
        try (Listener listener = Listener.open("127.0.0.1"); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("true"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), children, null, "", warnings::add));

            assertEquals(SocketpipeException.Kind.IO, ex.kind());
        }
    }

    @Test
    void shouldTimeOutWhenNobodyConnects() throws Exception
    {
        try (Listener listener = Listener.open("127.0.0.1"); Children children = new Children())
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> listener.accept(Pairing.random(), children, System.nanoTime() + 300_000_000L, "300ms", warnings::add));

            assertEquals(SocketpipeException.Kind.TIMEOUT, ex.kind());
            assertEquals("the remote side did not connect back within 300ms", ex.getMessage());
        }
    }

    @Test
    void shouldDropStrangerAndAcceptTheServerInstance() throws Exception
    {
        final Pairing pairing = Pairing.random();
        try (Listener listener = Listener.open("127.0.0.1"); Children children = new Children();
            Socket stranger = new Socket(InetAddress.ofLiteral("127.0.0.1"), listener.port()))
        {
            children.start(Role.LOGIN, new Spawn(List.of("sleep", "30"), ENV));
            final OutputStream out = stranger.getOutputStream();
            out.write(new byte[Pairing.MESSAGE_BYTES]);
            out.flush();
            final int port = listener.port();
            final CompletableFuture<Boolean> partner = CompletableFuture.supplyAsync(() -> offer(pairing, port));

            final int conn = listener.accept(pairing, children, null, "", warnings::add);

            Sockets.closeQuietly(conn);
            assertTrue(partner.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("ignored a connection from " + stranger.getLocalSocketAddress() +
                ": it is not the netpipe started by the login command"), warnings);
        }
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
