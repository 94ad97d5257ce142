package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, forward 6: a relay out of file descriptors ({@code ulimit -n 32}, many clients held open) logs failed
 * accepts once per episode, prints no stack trace, and relays again once descriptors are free.
 */
class ForwardFdExhaustionIT
{
    private static final int CLIENTS = 40;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldLogOncePerEpisodeAndRelayAgainAfterRunningOutOfDescriptors() throws Exception
    {
        try (ServerSocketChannel backend = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            ForwardShell shell = new ForwardShell("ulimit -n 32; exec \"$NETPIPE\" forward -v 0 127.0.0.1:" +
                ((InetSocketAddress)backend.getLocalAddress()).getPort()))
        {
            echo(backend);
            final InetSocketAddress relay = new InetSocketAddress(InetAddress.getLoopbackAddress(), shell.port());
            final List<SocketChannel> held = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++)
            {
                held.add(SocketChannel.open(relay));
            }
            shell.awaitLine("too many open files");
            // Hold every descriptor for two seconds: the relay used to log a failed accept ten times a second.
            Thread.sleep(2000);
            for (final SocketChannel client : held)
            {
                client.close();
            }
            final byte[] request = "after the episode".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertArrayEquals(request, exchangeWhenServed(relay, request));
            shell.process().toHandle().destroy();
            shell.awaitLine("stopping:");
            final List<String> lines = shell.seen();
            final long failed = lines.stream().filter(l -> l.contains("accept failed:")).count();
            final long recovered = lines.stream().filter(l -> l.contains("accepting again after")).count();
            assertTrue(failed <= recovered + 1, "one line at each end of an episode: " + lines);
            assertEquals(List.of(), lines.stream().filter(l -> l.contains("Exception") || l.contains("Error")).toList(),
                "no stack trace");
        }
    }

    /** A new client is served once the held pairs have closed; until then it may be accepted and closed. */
    private static byte[] exchangeWhenServed(final InetSocketAddress relay, final byte[] request) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            try (SocketChannel client = SocketChannel.open(relay))
            {
                client.write(ByteBuffer.wrap(request));
                client.shutdownOutput();
                final ByteBuffer answer = ByteBuffer.allocate(request.length);
                while (answer.hasRemaining() && client.read(answer) >= 0)
                {
                    // reading the echo
                }
                if (!answer.hasRemaining())
                {
                    return answer.array();
                }
            }
            catch (final IOException refusedOrReset)
            {
                // still out of descriptors: try again below
            }
            assertTrue(System.nanoTime() < deadlineNs, "the relay never served again");
            Thread.sleep(100);
        }
    }

    private static void echo(final ServerSocketChannel backend)
    {
        Thread.ofPlatform().daemon().start(() ->
        {
            while (backend.isOpen())
            {
                try
                {
                    final SocketChannel channel = backend.accept();
                    Thread.ofVirtual().start(() ->
                    {
                        try (channel)
                        {
                            final ByteBuffer buffer = ByteBuffer.allocate(4096);
                            while (channel.read(buffer.clear()) >= 0)
                            {
                                channel.write(buffer.flip());
                            }
                        }
                        catch (final IOException ignore)
                        {
                            // the relay cut the pair
                        }
                    });
                }
                catch (final IOException ex)
                {
                    return;
                }
            }
        });
    }
}
