package io.netpipe.forward;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The listening socket's thread: takes a connection slot, accepts, hands the client on, repeats. Never stops on an
 * error of its own (out of file descriptors, a client reset in the backlog): it reports once per episode, backs
 * off (see {@link AcceptFailures}), and goes on; only {@link #stop()} ends it.
 */
final class Acceptor implements Runnable
{
    private final ServerSocketChannel server;
    private final AcceptFailures failures;
    private final Semaphore slots;
    private final Consumer<SocketChannel> onAccepted;
    private final Thread thread;
    private volatile boolean accepting = true;

    /**
     * @param server         the bound listening socket, closed by {@link #stop()}.
     * @param maxConnections at most this many clients between {@code accept} and {@link #release()}; 0: no limit.
     * @param listener       told about accept failures, once per episode.
     * @param onAccepted     takes each accepted client; must not block.
     */
    Acceptor(final ServerSocketChannel server, final int maxConnections, final RelayListener listener,
        final Consumer<SocketChannel> onAccepted)
    {
        this.server = server;
        this.slots = 0 == maxConnections ? null : new Semaphore(maxConnections);
        this.failures = new AcceptFailures(listener);
        this.onAccepted = onAccepted;
        // A platform thread: it lives as long as the relay, and a blocking accept() on it costs nothing extra.
        this.thread = Thread.ofPlatform().name("forward-acceptor").daemon().unstarted(this);
    }

    void start()
    {
        thread.start();
    }

    /** Closes the listening socket, so new clients are refused, and waits for the thread to end. */
    void stop() throws InterruptedException
    {
        accepting = false;
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // Nothing to do: the listener is gone either way.
        }
        // Wakes the thread if it waits for a connection slot rather than in accept().
        thread.interrupt();
        thread.join();
    }

    /** Gives back the slot of a client whose pair has ended. */
    void release()
    {
        if (null != slots)
        {
            slots.release();
        }
    }

    @Override
    public void run()
    {
        while (accepting)
        {
            try
            {
                if (null != slots)
                {
                    // Beyond the limit, clients wait in the kernel's listen backlog, as with socat's max-children.
                    slots.acquire();
                }
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final SocketChannel client;
            try
            {
                client = server.accept();
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                release();
                if (accepting)
                {
                    // EMFILE and friends would otherwise spin this loop and flood the log.
                    LockSupport.parkNanos(failures.failed(Reasons.of(ex), System.nanoTime()));
                }
                continue;
            }
            failures.succeeded(System.nanoTime());
            onAccepted.accept(client);
        }
    }
}
