package io.netpipe.socketpipe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netpipe.socketpipe.Children.Role;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.Sockets;
import io.netpipe.libc.Spawn;
import io.netpipe.libc.WaitStatus;

/**
 * The server instance, started on the remote host through the login command: it connects back to the local
 * side, pairs, and becomes the remote command. A JVM cannot {@code exec} in place, so it spawns the command with
 * the socket as stdin and stdout, closes its own copy at once (the command alone owns the connection), waits for
 * it and exits with its status, 128+signal for a signal: the login command (ssh) passes that status back.
 * <p>
 * The address to connect to is the {@code -h} value; without one, the client address of the ssh session
 * ({@code SSH_CONNECTION}, which the local side strips from the login command's own environment so that it only
 * ever describes the login), else loopback, for a login command that runs locally such as {@code env}.
 */
public final class RemoteSide
{
    /** How long to wait for the local side to answer the hello. */
    static final long ANSWER_TIMEOUT_NS = 60_000_000_000L;

    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

    private final Invocation.Serve options;
    private final Map<String, String> environment;

    /**
     * @param options     the parsed {@code --serve} arguments.
     * @param environment the environment for the remote command, and where {@code SSH_CONNECTION} is read.
     */
    public RemoteSide(final Invocation.Serve options, final Map<String, String> environment)
    {
        this.options = options;
        this.environment = Map.copyOf(environment);
    }

    /**
     * @return the remote command's exit status.
     * @throws SocketpipeException if it could not connect back, pair, or start the command.
     */
    public int run()
    {
        Executables.require(options.command(), Role.REMOTE.label(), environment);
        final List<String> hosts = hosts();
        int conn = -1;
        try (Children children = new Children())
        {
            conn = connect(hosts);
            Sockets.setKeepAlive(conn);
            final InetSocketAddress local = Sockets.peerAddress(conn);
            if (!paired(conn))
            {
                throw SocketpipeException.io("connected to " + PeerCheck.text(local) + " but it did not answer as the netpipe that " +
                    "started this command; if it is that netpipe, it refused this host's address (see its warning and -f)");
            }
            LocalSide.start(children, Role.REMOTE, options.command(),
                new Spawn(options.command(), environment).dup2(conn, STDIN).dup2(conn, STDOUT));
            Sockets.closeQuietly(conn);
            conn = -1;
            return WaitStatus.exitCode(children.next().status());
        }
        catch (final PosixException ex)
        {
            throw SocketpipeException.io(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw SocketpipeException.io("interrupted");
        }
        finally
        {
            Sockets.closeQuietly(conn);
        }
    }

    /**
     * @return whether the local side answered the hello. A local side that refuses this host's address closes the
     *     connection unread, so the hello or the wait for the answer may meet a reset: that is a refusal too.
     */
    private boolean paired(final int conn)
    {
        try
        {
            return Pairing.of(options.token()).offer(conn, System.nanoTime() + ANSWER_TIMEOUT_NS);
        }
        catch (final PosixException ex)
        {
            return false;
        }
    }

    /** @return the hosts to try in order. */
    List<String> hosts()
    {
        if (!Invocation.Serve.FIND_HOST.equals(options.host()))
        {
            return List.of(options.host());
        }
        for (final String variable : List.of("SSH_CONNECTION", "SSH_CLIENT"))
        {
            final String value = environment.getOrDefault(variable, "").strip();
            if (!value.isEmpty())
            {
                return List.of(value.split("\\s+")[0]);
            }
        }
        return LOOPBACK;
    }

    private int connect(final List<String> hosts)
    {
        final List<String> failures = new ArrayList<>();
        for (final String host : hosts)
        {
            final InetAddress[] addresses;
            try
            {
                addresses = InetAddress.getAllByName(host);
            }
            catch (final UnknownHostException ex)
            {
                failures.add("cannot resolve " + host);
                continue;
            }
            for (final InetAddress address : addresses)
            {
                final InetSocketAddress target = new InetSocketAddress(address, options.port());
                try
                {
                    return Sockets.connect(target);
                }
                catch (final PosixException ex)
                {
                    failures.add(PeerCheck.text(target) + ": " + ex.reason());
                }
            }
        }
        throw SocketpipeException.io("cannot connect back to the local side (" + String.join("; ", failures) + ")");
    }
}
