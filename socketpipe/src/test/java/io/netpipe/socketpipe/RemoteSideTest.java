package io.netpipe.socketpipe;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netpipe.libc.SocketIo;
import io.netpipe.libc.Sockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class RemoteSideTest
{
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void shouldConnectBackToTheSshClientAddress()
    {
        assertEquals(List.of("192.0.2.7"), hosts(Invocation.Serve.FIND_HOST, Map.of("SSH_CONNECTION", "192.0.2.7 51000 192.0.2.9 22")));
    }

    @Test
    void shouldFallBackToLoopbackWithoutSsh()
    {
        assertEquals(List.of("127.0.0.1", "::1"), hosts(Invocation.Serve.FIND_HOST, Map.of()));
    }

    @Test
    void shouldUseTheGivenHost()
    {
        assertEquals(List.of("::1"), hosts("::1", Map.of("SSH_CONNECTION", "192.0.2.7 51000 192.0.2.9 22")));
    }

    @Test
    void shouldRunCommandOnThePairedSocketAndReturnItsStatus() throws Exception
    {
        final int listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        try
        {
            final int port = Sockets.localAddress(listener).getPort();
            final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() ->
                serve(port, List.of("sh", "-c", "tr a-z A-Z; exit 5")).run());
            final int conn = Sockets.accept(listener);
            assertTrue(Pairing.of(TOKEN).answer(conn, System.nanoTime() + 5_000_000_000L));
            SocketIo.sendAll(conn, "abc".getBytes(StandardCharsets.US_ASCII));
            Sockets.shutdown(conn, Sockets.SHUT_WR);

            final byte[] reply = new byte[3];
            assertEquals(3, SocketIo.recv(conn, reply, 0, 3));
            assertEquals("ABC", new String(reply, StandardCharsets.US_ASCII));
            assertEquals(5, status.get(10, TimeUnit.SECONDS));
            Sockets.closeQuietly(conn);
        }
        finally
        {
            Sockets.closeQuietly(listener);
        }
    }

    @Test
    void shouldNotRunCommandWhenThePeerDoesNotAnswer() throws Exception
    {
        assertRefusedWithoutRunning(RemoteSideTest::answerWrongly);
    }

    @Test
    void shouldSayTheLocalSideMayHaveRefusedThisHostWhenItClosesUnanswered() throws Exception
    {
        assertRefusedWithoutRunning(RemoteSideTest::closeUnread);
    }

    /** The server instance connects to {@code peer}, which does not pair: the command must not run. */
    private void assertRefusedWithoutRunning(final Consumer<ServerSocket> peer) throws Exception
    {
        final Path marker = dir.resolve("ran");
        try (ServerSocket localSide = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1")))
        {
            final CompletableFuture<Void> reply = CompletableFuture.runAsync(() -> peer.accept(localSide));

            final SocketpipeException ex = assertThrows(SocketpipeException.class,
                () -> serve(localSide.getLocalPort(), List.of("touch", marker.toString())).run());

            reply.get(5, TimeUnit.SECONDS);
            assertEquals("connected to 127.0.0.1:" + localSide.getLocalPort() + " but it did not answer as the netpipe that" +
                " started this command; if it is that netpipe, it refused this host's address (see its warning and -f)", ex.getMessage());
            assertFalse(Files.exists(marker));
        }
    }

    @Test
    void shouldReportRefusedConnection() throws Exception
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1")))
        {
            port = closed.getLocalPort();
        }

        final SocketpipeException ex = assertThrows(SocketpipeException.class, () -> serve(port, List.of("true")).run());

        assertEquals("cannot connect back to the local side (127.0.0.1:" + port + ": Connection refused)", ex.getMessage());
    }

    @Test
    void shouldExit127ForRemoteCommandNotFound()
    {
        final SocketpipeException ex = assertThrows(SocketpipeException.class,
            () -> serve(9, List.of("no-such-command-for-netpipe")).run());

        assertEquals(127, ex.status());
        assertEquals("remote command not found: no-such-command-for-netpipe", ex.getMessage());
    }

    private static RemoteSide serve(final int port, final List<String> command)
    {
        return new RemoteSide(new Invocation.Serve("127.0.0.1", port, TOKEN, command), System.getenv());
    }

    private static List<String> hosts(final String host, final Map<String, String> environment)
    {
        final Map<String, String> env = new HashMap<>(environment);
        return new RemoteSide(new Invocation.Serve(host, 9, TOKEN, List.of("true")), env).hosts();
    }

    /** Like a local side refusing the address: closes once the hello has arrived, most of it unread (a reset). */
    private static void closeUnread(final ServerSocket localSide)
    {
        try (Socket peer = localSide.accept(); InputStream in = peer.getInputStream())
        {
            in.read();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void answerWrongly(final ServerSocket impostor)
    {
        try (Socket peer = impostor.accept(); InputStream in = peer.getInputStream(); OutputStream out = peer.getOutputStream())
        {
            in.readNBytes(Pairing.MESSAGE_BYTES);
            out.write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
