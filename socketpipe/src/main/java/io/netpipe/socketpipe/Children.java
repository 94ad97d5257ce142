package io.netpipe.socketpipe;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.netpipe.libc.EventFd;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.Processes;
import io.netpipe.libc.Spawn;

/**
 * The commands this process started, each watched by its own platform thread (a blocking {@code waitid} ignores
 * interrupts and would pin a virtual thread). Exits arrive in order on a queue, and each also signals an
 * {@link EventFd} so a thread blocked in {@code poll} notices. A child is reaped under this object's lock, and
 * signals are only sent under it to children not yet reaped: so a signal can never hit a recycled pid.
 * If the JVM is stopped (SIGTERM, SIGINT), a shutdown hook sends SIGTERM to the children still running.
 */
final class Children implements AutoCloseable
{
    /** Which command a child runs. */
    enum Role
    {
        /** -l: the login command that starts the server instance. */
        LOGIN("login command"),
        /** -i: writes into the socket. */
        INPUT("input command"),
        /** -o: reads from the socket. */
        OUTPUT("output command"),
        /** On the server instance: the -r command. */
        REMOTE("remote command");

        private final String label;

        Role(final String label)
        {
            this.label = label;
        }

        /** @return how messages name this command. */
        String label()
        {
            return label;
        }
    }

    /**
     * A child that ended.
     *
     * @param role   which command.
     * @param status its raw wait status.
     */
    record Exit(Role role, int status)
    {
    }

    /** How long {@link #close()} waits after SIGTERM before SIGKILL. */
    static final long KILL_AFTER_MS = 5_000;
    private static final long WAIT_SLICE_MS = 100;

    private final BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
    private final Map<Role, Integer> running = new EnumMap<>(Role.class);
    private final Map<Role, Integer> statuses = new EnumMap<>(Role.class);
    private final EventFd exited;
    private final Thread stopHook = new Thread(this::terminateAll, "socketpipe-stop");

    Children() throws PosixException
    {
        exited = EventFd.create();
        Runtime.getRuntime().addShutdownHook(stopHook);
    }

    /**
     * Starts a child and a thread that waits for it.
     *
     * @throws PosixException if it could not be started, e.g. the command was not found.
     */
    void start(final Role role, final Spawn spawn) throws PosixException
    {
        final int pid;
        synchronized (this)
        {
            pid = spawn.start();
            running.put(role, pid);
        }
        Thread.ofPlatform().daemon().name("socketpipe-wait-" + role.name().toLowerCase(Locale.ROOT))
            .start(() -> watch(role, pid));
    }

    /** @return a descriptor that becomes readable when any child ends (it stays readable). */
    int exitedFd()
    {
        return exited.fd();
    }

    /** @return whether the child has started and not been reaped yet. */
    synchronized boolean isRunning(final Role role)
    {
        return running.containsKey(role);
    }

    /** @return the raw wait status of a reaped child, or null if it is still running or was never started. */
    synchronized Integer status(final Role role)
    {
        return statuses.get(role);
    }

    /** @return the next child to end, blocking until one does. */
    Exit next() throws InterruptedException
    {
        return exits.take();
    }

    /** Sends SIGTERM to every child still running. */
    synchronized void terminateAll()
    {
        for (final Role role : running.keySet())
        {
            signal(role, Processes.SIGTERM);
        }
    }

    /**
     * Ends the children still running (SIGTERM, then SIGKILL after {@link #KILL_AFTER_MS}), waits until all are
     * reaped, and only then closes the eventfd: a watcher must never write to a descriptor number reused since.
     */
    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(stopHook);
        }
        catch (final IllegalStateException alreadyStopping)
        {
            // The JVM is stopping: the hook runs anyway.
        }
        synchronized (this)
        {
            terminateAll();
            final long killAtNs = System.nanoTime() + KILL_AFTER_MS * 1_000_000L;
            boolean interrupted = false;
            while (!running.isEmpty())
            {
                final long leftMs = (killAtNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0)
                {
                    running.keySet().forEach(role -> signal(role, Processes.SIGKILL));
                }
                try
                {
                    wait(Math.max(leftMs, WAIT_SLICE_MS));
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            exited.close();
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal(final Role role, final int signal)
    {
        final Integer pid = running.get(role);
        if (null != pid)
        {
            try
            {
                Processes.signal(pid, signal);
            }
            catch (final PosixException ignore)
            {
                // Still ours until reaped, so only a race with its own exit lands here: nothing to do.
            }
        }
    }

    private void watch(final Role role, final int pid)
    {
        boolean ours = true;
        try
        {
            Processes.awaitExit(pid);
        }
        catch (final PosixException ex)
        {
            ours = false;
        }
        synchronized (this)
        {
            int status = 1 << 8;
            try
            {
                status = ours ? Processes.reap(pid) : status;
            }
            catch (final PosixException ex)
            {
                // ECHILD: someone else reaped it. Report exit status 1 rather than waiting forever.
            }
            running.remove(role);
            statuses.put(role, status);
            exits.add(new Exit(role, status));
            exited.signal();
            notifyAll();
        }
    }
}
