package io.netpipe.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted client and its own backend connection: connects, then runs one {@link Direction} per way. EOF read
 * on one side becomes {@code shutdownOutput} on the other, so a client that half-closes still gets the whole
 * answer; the pair is closed when both directions have ended. A pair ended any other way (a reset or error on one
 * side, a timeout, the grace period) is cut: both sockets are closed with a reset (SO_LINGER 0), so neither peer
 * mistakes a cut stream for a complete one.
 */
final class Connection implements Runnable
{
    /** What {@link Reasons#of} calls a reset. */
    private static final String RESET = "connection reset";

    private final Relay relay;
    private final SocketChannel client;
    private final InetSocketAddress clientAddress;
    private final long acceptedNs;
    // The first reason wins: a later AsynchronousCloseException caused by our own abort must not replace it.
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private volatile SocketChannel backend;
    private volatile InetSocketAddress backendAddress;
    private volatile long lastActivityNs;
    private volatile long lastToClientNs;
    private volatile boolean clientEnded;
    // Volatile for the reaper's thread, which looks at them while the pair's threads run.
    private volatile Direction toBackend;
    private volatile Direction toClient;

    Connection(final Relay relay, final SocketChannel client, final InetSocketAddress clientAddress, final long nowNs)
    {
        this.relay = relay;
        this.client = client;
        this.clientAddress = clientAddress;
        this.acceptedNs = nowNs;
        this.lastActivityNs = nowNs;
        this.lastToClientNs = nowNs;
        this.backendAddress = relay.config().backend();
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
            // A backend that accepts, answers and resets before the connect has been confirmed here fails the
            // connect itself with "connection reset": a backend reset like any other, so the client gets a reset.
            // A refused or unreachable backend just closes the client.
            if (RESET.equals(Reasons.of(ex)))
            {
                reset(client);
            }
            else
            {
                closeQuietly(client);
            }
            closeQuietly(backend);
            final String aborted = failure.get();
            relay.connectFailed(this, null == aborted ? Reasons.of(ex) : aborted);
            return;
        }
        final long nowNs = System.nanoTime();
        lastActivityNs = nowNs;
        lastToClientNs = nowNs;
        toBackend = new Direction(this, client, connected, true);
        toClient = new Direction(this, connected, client, false);
        relay.startThread(toClient);
        toBackend.run();
    }

    /** Tries every address of the backend in the resolver's order; each gets the whole connect timeout. */
    private SocketChannel connectBackend() throws IOException
    {
        final List<InetSocketAddress> addresses = relay.resolveBackend();
        IOException last = null;
        for (final InetSocketAddress address : addresses)
        {
            try
            {
                final SocketChannel channel = connect(address);
                backendAddress = address;
                return channel;
            }
            catch (final ClosedChannelException ex)
            {
                // Aborted (shutdown) while connecting: no other address is worth a try.
                throw ex;
            }
            catch (final IOException ex)
            {
                closeQuietly(backend);
                if (null != failure.get())
                {
                    throw ex;
                }
                last = ex;
            }
        }
        throw null == last ? new UnknownHostException("no address") : last;
    }

    private SocketChannel connect(final InetSocketAddress address) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        backend = channel;
        if (null != failure.get())
        {
            // abort() ran before the field was set and could not close this channel.
            channel.close();
            throw new ClosedChannelException();
        }
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        final long timeoutMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(relay.config().connectTimeoutNs()));
        // The socket adaptor is the JDK's only blocking connect with a timeout; it polls, so it does not pin.
        channel.socket().connect(address, (int)Math.min(Integer.MAX_VALUE, timeoutMs));
        return channel;
    }

    /**
     * Bytes moved, read or written: the pair is not idle. A direction blocked writing to a slow reader still makes
     * progress with every partial write, although it reads nothing until its buffer is out.
     */
    void progressed(final boolean towardsBackend)
    {
        final long nowNs = System.nanoTime();
        lastActivityNs = nowNs;
        if (!towardsBackend)
        {
            lastToClientNs = nowNs;
        }
    }

    /**
     * For the reaper, when the pair looks idle: a direction blocked in a write whose send queue drains (a slow
     * reader) is making progress although no call returned; that counts as activity now.
     *
     * @return whether a send queue moved since the last look.
     */
    boolean sendQueueDrained(final SendQueues queues, final long nowNs)
    {
        final Direction a = toBackend;
        final Direction b = toClient;
        if (null == a || null == b)
        {
            return false;
        }
        // Both are asked (no short circuit), so that each notes its queue on this look.
        final boolean drained = a.drained(queues) | b.drained(queues);
        if (drained)
        {
            // The next look comes an idle timeout from now: the reader must ack something within each timeout.
            lastActivityNs = nowNs;
        }
        return drained;
    }

    /** The client sent EOF: from now on the half-close timeout runs whenever the backend sends nothing. */
    void clientEnded()
    {
        lastToClientNs = System.nanoTime();
        clientEnded = true;
    }

    void fail(final String side, final IOException ex)
    {
        abort(side + ": " + Reasons.of(ex));
    }

    /**
     * Cuts the pair: both sockets are reset and closed, which wakes both copy threads.
     *
     * @param reason kept unless another reason came first.
     */
    void abort(final String reason)
    {
        failure.compareAndSet(null, reason);
        reset(client);
        reset(backend);
    }

    void directionEnded()
    {
        if (0 == openDirections.decrementAndGet())
        {
            closeQuietly(client);
            closeQuietly(backend);
            relay.closed(this, new ConnectionReport(clientAddress, backendAddress, toBackend.bytes(),
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

    /** @return whether the client has sent EOF. */
    boolean clientHasEnded()
    {
        return clientEnded;
    }

    /** @return when bytes last moved towards the client, or the client sent EOF, whichever came later. */
    long lastToClientNs()
    {
        return lastToClientNs;
    }

    private static void reset(final SocketChannel channel)
    {
        if (null != channel)
        {
            try
            {
                // Linger 0: close() sends RST instead of FIN, and the JDK then skips its shutdown before close.
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            catch (final IOException | RuntimeException ignore)
            {
                // Already closed (the other copy thread cut the pair first): nothing left to reset.
            }
            closeQuietly(channel);
        }
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
