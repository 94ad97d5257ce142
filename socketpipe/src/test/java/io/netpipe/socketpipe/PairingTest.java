package io.netpipe.socketpipe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketIo;
import io.netpipe.libc.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class PairingTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private int listener = -1;
    private int local = -1;
    private int remote = -1;

    @BeforeEach
    void connect() throws PosixException
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        remote = Sockets.connect(Sockets.localAddress(listener));
        local = Sockets.accept(listener);
    }

    @AfterEach
    void close()
    {
        Sockets.closeQuietly(listener);
        Sockets.closeQuietly(local);
        Sockets.closeQuietly(remote);
    }

    @Test
    void shouldPairPeersSharingTheToken() throws Exception
    {
        final Pairing pairing = Pairing.random();
        final CompletableFuture<Boolean> offered = offerInBackground(Pairing.of(pairing.hex()));

        assertTrue(pairing.answer(local, System.nanoTime() + 5 * SECOND_NS));
        assertTrue(offered.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldRejectHelloWithAnotherToken() throws Exception
    {
        final CompletableFuture<Boolean> offered = offerInBackground(Pairing.random());

        assertFalse(Pairing.random().answer(local, System.nanoTime() + 5 * SECOND_NS));
        Sockets.closeQuietly(local);
        local = -1;
        assertFalse(offered.get(5, TimeUnit.SECONDS), "the server instance gets no answer either");
    }

    @Test
    void shouldGiveUpOnPeerThatSaysNothing() throws Exception
    {
        final long startNs = System.nanoTime();

        assertFalse(Pairing.random().answer(local, startNs + SECOND_NS / 5));
        assertTrue(System.nanoTime() - startNs >= SECOND_NS / 5);
    }

    @Test
    void shouldNotConsumeDataAfterTheHello() throws Exception
    {
        final Pairing pairing = Pairing.random();
        final CompletableFuture<Boolean> offered = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final boolean ok = Pairing.of(pairing.hex()).offer(remote, System.nanoTime() + 5 * SECOND_NS);
                SocketIo.sendAll(remote, "data".getBytes(StandardCharsets.US_ASCII));
                return ok;
            }
            catch (final PosixException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        assertTrue(pairing.answer(local, System.nanoTime() + 5 * SECOND_NS));
        assertTrue(offered.get(5, TimeUnit.SECONDS));

        final byte[] data = new byte[4];
        assertEquals(4, SocketIo.recv(local, data, 0, 4));
        assertEquals("data", new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldAnswerTheShellServerInstancesTextHelloInText() throws Exception
    {
        final Pairing pairing = Pairing.random();
        SocketIo.sendAll(remote, ("NPSH" + pairing.hex() + "data").getBytes(StandardCharsets.US_ASCII));

        assertTrue(pairing.answer(local, System.nanoTime() + 5 * SECOND_NS));
        final byte[] answer = new byte[36];
        int have = 0;
        while (have < answer.length)
        {
            have += SocketIo.recv(remote, answer, have, answer.length - have);
        }
        assertEquals("NPOK" + pairing.hex(), new String(answer, StandardCharsets.US_ASCII));
        final byte[] data = new byte[4];
        assertEquals(4, SocketIo.recv(local, data, 0, 4), "the data after the hello is left for the commands");
        assertEquals("data", new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldRejectTextHelloWithAnotherToken() throws Exception
    {
        SocketIo.sendAll(remote, ("NPSH" + Pairing.random().hex()).getBytes(StandardCharsets.US_ASCII));

        assertFalse(Pairing.random().answer(local, System.nanoTime() + 5 * SECOND_NS));
    }

    @Test
    void shouldRejectHelloOfNeitherForm() throws Exception
    {
        final Pairing pairing = Pairing.random();
        SocketIo.sendAll(remote, ("NPSX" + pairing.hex()).getBytes(StandardCharsets.US_ASCII));

        assertFalse(pairing.answer(local, System.nanoTime() + 5 * SECOND_NS));
    }

    private CompletableFuture<Boolean> offerInBackground(final Pairing pairing)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return pairing.offer(remote, System.nanoTime() + 5 * SECOND_NS);
            }
            catch (final PosixException ex)
            {
                return false;
            }
        });
    }
}
