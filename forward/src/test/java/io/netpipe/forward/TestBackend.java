package io.netpipe.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small backend for the tests: accepts on loopback, one virtual thread per connection running a handler. */
final class TestBackend implements AutoCloseable
{
    /** What the backend does with one connection; the channel is closed afterwards. */
    interface Handler
    {
        void handle(SocketChannel channel) throws IOException;
    }

    private final ServerSocketChannel server;
    private final Handler handler;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private TestBackend(final InetAddress address, final int port, final Handler handler) throws IOException
    {
        this.handler = handler;
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(address, port), 1024);
        Thread.ofPlatform().daemon().name("test-backend").start(this::acceptLoop);
    }

    /** @return a backend running the handler for every connection. */
    static TestBackend start(final int port, final Handler handler) throws IOException
    {
        return new TestBackend(InetAddress.getLoopbackAddress(), port, handler);
    }

    /** @return a backend listening on one address only (e.g. {@code ::1}), echoing every byte. */
    static TestBackend echoOn(final InetAddress address, final int port) throws IOException
    {
        return new TestBackend(address, port, TestBackend::echo);
    }

    /** @return a backend that echoes every byte and half-closes after the client's EOF. */
    static TestBackend echo(final int port) throws IOException
    {
        return new TestBackend(InetAddress.getLoopbackAddress(), port, TestBackend::echo);
    }

    /** @return a backend that reads the whole request, then answers and closes. */
    static TestBackend answerAfterEof(final int port, final byte[] answer) throws IOException
    {
        return new TestBackend(InetAddress.getLoopbackAddress(), port, channel ->
        {
            Streams.readAll(channel);
            Streams.writeAll(channel, answer);
        });
    }

    /** @return a free loopback port with nothing listening on it (a backend that is down). */
    static int downPort() throws IOException
    {
        try (TestBackend backend = echo(0))
        {
            return backend.address().getPort();
        }
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)server.getLocalAddress();
    }

    int accepted()
    {
        return accepted.get();
    }

    private static void echo(final SocketChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        while (channel.read(buffer.clear()) >= 0)
        {
            buffer.flip();
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        channel.shutdownOutput();
    }

    private void acceptLoop()
    {
        while (server.isOpen())
        {
            final SocketChannel channel;
            try
            {
                channel = server.accept();
            }
            catch (final IOException ex)
            {
                return;
            }
            accepted.incrementAndGet();
            open.add(channel);
            Thread.ofVirtual().start(() ->
            {
                try (channel)
                {
                    handler.handle(channel);
                }
                catch (final IOException ignore)
                {
                    // The test's client decides what is an error; the backend just stops.
                }
                finally
                {
                    open.remove(channel);
                }
            });
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        for (final SocketChannel channel : open)
        {
            channel.close();
        }
    }
}
