package io.netpipe.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay: every client accepted on the listening port gets its own connection to the backend, relayed in
 * both directions with half-close, for as many clients at once as {@link RelayConfig#maxConnections()} allows.
 * The listener keeps accepting whatever happens to one pair; only {@link #shutdown(long)} stops it.
 *
 * <p>Threads: one platform thread accepts; each pair runs on two virtual threads (one per direction), so
 * thousands of idle pairs cost a little memory, not threads. A direction that turns out to carry bulk data moves to
 * one of a few platform threads ({@link BulkThreads}), which halves the CPU time per byte. One more thread enforces
 * the idle and half-close timeouts ({@link IdleReaper}).
 */
public final class Relay implements AutoCloseable
{
    private static final int BACKLOG = 4096;
    private static final long ABORT_WAIT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_IDLE_SMALL_BUFFERS = 1024;

    private final RelayConfig config;
    private final RelayListener listener;
    private final InetSocketAddress localAddress;
    private final BufferPool smallBuffers;
    private final BufferPool bulkBuffers;
    private final BulkThreads bulkThreads;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ThreadFactory pairThreads = Thread.ofVirtual().name("forward-pair-", 0).factory();
    private final AtomicLong accepted = new AtomicLong();
    private final Object drainLock = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Acceptor acceptor;
    private final IdleReaper reaper;
    private final Thread reaperThread;
    private final BackendAddresses backendAddresses;


    private Relay(final RelayConfig config, final RelayListener listener, final ServerSocketChannel server,
        final BackendAddresses.Resolver resolver) throws IOException
    {
        this.config = config;
        this.listener = listener;
        this.localAddress = (InetSocketAddress)server.getLocalAddress();
        this.smallBuffers = new BufferPool(RelayConfig.SMALL_BUFFER_BYTES, MAX_IDLE_SMALL_BUFFERS);
        this.bulkBuffers = new BufferPool(config.bulkBufferBytes(), Math.max(1, config.bulkThreads()));
        this.bulkThreads = new BulkThreads(config.bulkThreads());
        this.acceptor = new Acceptor(server, config.maxConnections(), listener, this::startConnection);
        this.backendAddresses = new BackendAddresses(config.backend(), resolver);
        this.reaper = IdleReaper.needed(config)
            ? new IdleReaper(open, config.idleTimeoutNs(), config.halfCloseTimeoutNs()) : null;
        this.reaperThread = null == reaper ? null : Thread.ofPlatform().name("forward-idle").daemon().unstarted(reaper);
    }

    /**
     * Binds the listening port and starts accepting.
     *
     * @param config   where to listen and relay to, and the limits.
     * @param listener told about failed backends and closed pairs.
     * @return the running relay.
     * @throws IOException when the port cannot be bound (in use, no permission, address not local).
     */
    public static Relay start(final RelayConfig config, final RelayListener listener) throws IOException
    {
        return start(config, listener, InetAddress::getAllByName);
    }

    /** {@link #start(RelayConfig, RelayListener)} with a resolver of its own, for tests of names. */
    static Relay start(final RelayConfig config, final RelayListener listener, final BackendAddresses.Resolver resolver)
        throws IOException
    {
        PollerWarmUp.run();
        final ServerSocketChannel server = ServerSocketChannel.open();
        try
        {
            // Restarting the relay must not wait for the previous run's TIME_WAIT pairs.
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(config.listen(), BACKLOG);
            final Relay relay = new Relay(config, listener, server, resolver);
            relay.acceptor.start();
            if (null != relay.reaperThread)
            {
                relay.reaperThread.start();
            }
            return relay;
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    /** @return the bound address; its port is the real one when the configuration asked for port 0. */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /** @return pairs currently open (connecting or relaying). */
    public int openConnections()
    {
        return open.size();
    }

    /** @return clients accepted since start. */
    public long acceptedConnections()
    {
        return accepted.get();
    }

    /**
     * Stops accepting, lets open pairs finish for up to the grace period, then cuts the rest.
     *
     * @param graceNs how long open pairs may take to finish on their own.
     * @return how many pairs were still open when the grace period ended and were cut; 0 when all finished.
     * @throws InterruptedException when interrupted while waiting.
     */
    public int shutdown(final long graceNs) throws InterruptedException
    {
        try
        {
            acceptor.stop();
            int cut = 0;
            if (!awaitDrained(graceNs))
            {
                for (final Connection connection : open)
                {
                    connection.abort("shutdown: grace period over");
                    cut++;
                }
                awaitDrained(ABORT_WAIT_NS);
            }
            if (null != reaper)
            {
                reaper.stop(reaperThread);
            }
            bulkThreads.shutdown();
            return cut;
        }
        finally
        {
            terminated.countDown();
        }
    }

    /**
     * Blocks until {@link #shutdown(long)} has finished.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void awaitTermination() throws InterruptedException
    {
        terminated.await();
    }

    /** Stops at once: no grace period. */
    @Override
    public void close()
    {
        try
        {
            shutdown(0);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitDrained(final long timeoutNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        synchronized (drainLock)
        {
            while (!open.isEmpty())
            {
                final long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0)
                {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(drainLock, leftNs);
            }
        }
        return true;
    }

    private void startConnection(final SocketChannel client)
    {
        accepted.incrementAndGet();
        InetSocketAddress clientAddress;
        try
        {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            clientAddress = (InetSocketAddress)client.getRemoteAddress();
        }
        catch (final IOException ex)
        {
            // Reset before we looked at it: the pair starts and fails on its first read.
            clientAddress = new InetSocketAddress(0);
        }
        final Connection connection = new Connection(this, client, clientAddress, System.nanoTime());
        open.add(connection);
        startThread(connection);
    }

    void startThread(final Runnable task)
    {
        pairThreads.newThread(task).start();
    }

    RelayConfig config()
    {
        return config;
    }

    List<InetSocketAddress> resolveBackend() throws UnknownHostException
    {
        return backendAddresses.resolve();
    }

    ByteBuffer acquireSmallBuffer()
    {
        return smallBuffers.acquire();
    }

    ByteBuffer acquireBulkBuffer()
    {
        return bulkBuffers.acquire();
    }

    void release(final ByteBuffer buffer)
    {
        (buffer.capacity() == RelayConfig.SMALL_BUFFER_BYTES ? smallBuffers : bulkBuffers).release(buffer);
    }

    BulkThreads bulkThreads()
    {
        return bulkThreads;
    }

    /** @return how many directions moved to a platform thread because they carried bulk data. */
    public long bulkPromotions()
    {
        return bulkThreads.promotions();
    }

    // Reported before removal: once shutdown() has seen no open pairs, every report has been delivered (the CLI
    // halts right after it, and a -v line must not be lost).
    void connectFailed(final Connection connection, final String reason)
    {
        listener.connectFailed(connection.clientAddress(), config.backend(), reason);
        remove(connection);
    }

    void closed(final Connection connection, final ConnectionReport report)
    {
        listener.closed(report);
        remove(connection);
    }

    private void remove(final Connection connection)
    {
        open.remove(connection);
        acceptor.release();
        if (open.isEmpty())
        {
            synchronized (drainLock)
            {
                drainLock.notifyAll();
            }
        }
    }
}
