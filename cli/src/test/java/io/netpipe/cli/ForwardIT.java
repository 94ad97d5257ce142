package io.netpipe.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code netpipe forward} as a real process through {@code bin/netpipe}: relaying, SIGTERM, exit codes. */
class ForwardIT
{
    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+),.*");
    private static final byte[] ANSWER = "the answer, sent after the request's EOF".getBytes(US_ASCII);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final LinkedBlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final List<String> stderrSeen = new ArrayList<>();
    private final AtomicInteger backendAccepted = new AtomicInteger();
    private Thread stderrReader;

    @AfterEach
    void tearDown() throws Exception
    {
        for (final AutoCloseable c : cleanup.reversed())
        {
            c.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitZeroAfterSigtermOnceAnOpenConnectionFinished() throws Exception
    {
        final InetSocketAddress backend = answerAfterEofBackend();
        final Process relay = start("forward", "-v", "--grace", "20s", "0", "127.0.0.1:" + backend.getPort());
        final InetSocketAddress relayAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
        try (SocketChannel client = SocketChannel.open(relayAddress))
        {
            write(client, "first half, ");
            awaitBackendAccepted();
            relay.toHandle().destroy(); // SIGTERM
            awaitLine("stopping: 1 open connection");
            awaitRefused(relayAddress);
            write(client, "second half");
            client.shutdownOutput();
            assertEquals(new String(ANSWER, US_ASCII), new String(readAll(client), US_ASCII));
        }
        assertTrue(relay.waitFor(30, TimeUnit.SECONDS), "exited");
        assertEquals(ExitCodes.OK, relay.exitValue(), String.join("\n", stderrSeen));
        assertTrue(awaitLine(": closed after ").contains("bytes to backend"), "the pair's -v line is not lost");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCutConnectionsStillOpenWhenTheGracePeriodEnds() throws Exception
    {
        final InetSocketAddress backend = answerAfterEofBackend();
        final Process relay = start("forward", "-v", "--grace", "300ms", "0", "127.0.0.1:" + backend.getPort());
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            port())))
        {
            write(client, "a request that never ends");
            awaitBackendAccepted();
            relay.toHandle().destroy();
            awaitLine("grace period over: cut 1 open connection");
            final java.net.SocketException reset = org.junit.jupiter.api.Assertions.assertThrows(
                java.net.SocketException.class, () -> readAll(client), "a cut connection is reset, not ended");
            assertTrue(reset.getMessage().contains("reset"), reset.toString());
        }
        assertTrue(relay.waitFor(30, TimeUnit.SECONDS), "exited");
        assertEquals(ExitCodes.OK, relay.exitValue());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCloseClientsOfADownBackendWithOneLineAndKeepListening() throws Exception
    {
        final int downPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(loopback(0)))
        {
            downPort = ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
        final Process relay = start("forward", "0", "127.0.0.1:" + downPort, "-v");
        final InetSocketAddress relayAddress = loopback(port());
        for (int i = 0; i < 2; i++)
        {
            try (SocketChannel client = SocketChannel.open(relayAddress))
            {
                assertEquals(0, readAll(client).length);
            }
            awaitLine(" -> 127.0.0.1:" + downPort + ": connection refused");
        }
        relay.toHandle().destroy();
        assertTrue(relay.waitFor(30, TimeUnit.SECONDS), "exited");
        assertEquals(ExitCodes.OK, relay.exitValue());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitTwoWithOneLineOnAUsageError() throws Exception
    {
        final Process relay = start("forward", "--max-connections", "many", "6000", "127.0.0.1:5000");
        assertTrue(relay.waitFor(30, TimeUnit.SECONDS), "exited");
        assertEquals(ExitCodes.USAGE, relay.exitValue());
        stderrReader.join(TimeUnit.SECONDS.toMillis(10));
        final List<String> lines = new ArrayList<>(stderr);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().startsWith("netpipe forward: Invalid value for option '--max-connections'"),
            lines.getFirst());
    }

    private Process start(final String... args) throws IOException
    {
        final Path home = Path.of(System.getProperty("netpipe.home"));
        final List<String> command = new ArrayList<>(List.of(home.resolve("bin/netpipe").toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        cleanup.add(() ->
        {
            process.destroyForcibly();
            process.waitFor();
        });
        stderrReader = Thread.ofPlatform().daemon().start(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), US_ASCII)))
            {
                for (String line = in.readLine(); null != line; line = in.readLine())
                {
                    stderr.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process is gone
            }
        });
        return process;
    }

    private String awaitLine(final String fragment) throws InterruptedException
    {
        while (true)
        {
            final String line = stderr.poll(20, TimeUnit.SECONDS);
            if (null == line)
            {
                throw new AssertionError("no line containing '" + fragment + "'; seen: " + stderrSeen);
            }
            stderrSeen.add(line);
            if (line.contains(fragment))
            {
                return line;
            }
        }
    }

    private int port() throws InterruptedException
    {
        final Matcher m = LISTENING.matcher(awaitLine("listening on"));
        assertTrue(m.matches(), stderrSeen.toString());
        return Integer.parseInt(m.group(1));
    }

    private InetSocketAddress answerAfterEofBackend() throws IOException
    {
        final ServerSocketChannel server = ServerSocketChannel.open().bind(loopback(0));
        cleanup.add(server);
        Thread.ofPlatform().daemon().start(() ->
        {
            while (true)
            {
                try (SocketChannel channel = server.accept())
                {
                    backendAccepted.incrementAndGet();
                    readAll(channel);
                    channel.write(ByteBuffer.wrap(ANSWER));
                }
                catch (final IOException ex)
                {
                    if (!server.isOpen())
                    {
                        return;
                    }
                }
            }
        });
        return (InetSocketAddress)server.getLocalAddress();
    }

    private void awaitBackendAccepted() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (0 == backendAccepted.get())
        {
            assertTrue(System.nanoTime() < deadlineNs, "the relay never connected to the backend");
            Thread.sleep(5);
        }
    }

    private static void awaitRefused(final InetSocketAddress address) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadlineNs)
        {
            try (SocketChannel probe = SocketChannel.open(address))
            {
                Thread.sleep(10);
            }
            catch (final ConnectException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the relay still accepts connections after SIGTERM");
    }

    private static InetSocketAddress loopback(final int port)
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void write(final SocketChannel channel, final String text) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(US_ASCII));
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    private static byte[] readAll(final SocketChannel channel) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer.clear()) >= 0)
        {
            out.write(buffer.array(), 0, buffer.position());
        }
        return out.toByteArray();
    }
}
