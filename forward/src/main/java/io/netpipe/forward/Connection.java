package io.netpipe.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted client and its own backend connection: connects, then runs one {@link Direction} per way. EOF read
 * on one side becomes {@code shutdownOutput} on the other, so a client that half-closes still gets the whole
 * answer; the pair is closed when both directions have ended, or at once on the first error.
 */
final class Connection implements Runnable
{
    private final Relay relay;
    private final SocketChannel client;
    private final InetSocketAddress clientAddress;
    private final long acceptedNs;
    // The first reason wins: a later AsynchronousCloseException caused by our own abort must not replace it.
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private volatile SocketChannel backend;
    private volatile long lastActivityNs;
    private Direction toBackend;
    private Direction toClient;

    Connection(final Relay relay, final SocketChannel client, final InetSocketAddress clientAddress, final long nowNs)
    {
        this.relay = relay;
        this.client = client;
        this.clientAddress = clientAddress;
        this.acceptedNs = nowNs;
        this.lastActivityNs = nowNs;
    }

    @Override
    public void run()
    {
        final SocketChannel connected;
        try
        {
            connected = connectBackend();
        }
        catch (final IOException ex)
        {
            closeQuietly(client);
            closeQuietly(backend);
            final String aborted = failure.get();
            relay.connectFailed(this, null == aborted ? Reasons.of(ex) : aborted);
            return;
        }
        touch();
        toBackend = new Direction(this, client, connected, true);
        toClient = new Direction(this, connected, client, false);
        relay.startThread(toClient);
        toBackend.run();
    }

    private SocketChannel connectBackend() throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        backend = channel;
        if (null != failure.get())
        {
            // abort() ran before the field was set and could not close this channel.
            throw new ClosedChannelException();
        }
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final long timeoutMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(relay.config().connectTimeoutNs()));
        // The socket adaptor is the JDK's only blocking connect with a timeout; it polls, so it does not pin.
        channel.socket().connect(relay.config().backend(), (int)Math.min(Integer.MAX_VALUE, timeoutMs));
        return channel;
    }

    void touch()
    {
        lastActivityNs = System.nanoTime();
    }

    void fail(final String side, final IOException ex)
    {
        abort(side + ": " + Reasons.of(ex));
    }

    /**
     * Cuts the pair: both sockets are closed, which wakes both copy threads.
     *
     * @param reason kept unless another reason came first.
     */
    void abort(final String reason)
    {
        failure.compareAndSet(null, reason);
        closeQuietly(client);
        closeQuietly(backend);
    }

    void directionEnded()
    {
        if (0 == openDirections.decrementAndGet())
        {
            closeQuietly(client);
            closeQuietly(backend);
            relay.closed(this, new ConnectionReport(clientAddress, relay.config().backend(), toBackend.bytes(),
                toClient.bytes(), System.nanoTime() - acceptedNs, failure.get()));
        }
    }

    Relay relay()
    {
        return relay;
    }

    InetSocketAddress clientAddress()
    {
        return clientAddress;
    }

    long lastActivityNs()
    {
        return lastActivityNs;
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Closing is best effort: the pair is over either way.
            }
        }
    }
}
