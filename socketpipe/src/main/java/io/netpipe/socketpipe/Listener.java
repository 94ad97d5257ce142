package io.netpipe.socketpipe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netpipe.libc.Errno;
import io.netpipe.libc.Poll;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.Sockets;
import io.netpipe.libc.WaitStatus;

/**
 * The local side's listening socket, open only until the server instance has connected back and paired. With
 * {@code -h ADDR} it listens on that address when it is one of this host's (otherwise, e.g. behind NAT, on the
 * wildcard); without, on the dual-stack wildcard, since the route the remote host takes back is not known here.
 */
final class Listener implements AutoCloseable
{
    /** How long a connected peer may take to send its hello before it is dropped as a stranger. */
    static final long HELLO_TIMEOUT_NS = 10_000_000_000L;

    private static final int BACKLOG = 4;
    private static final int LISTENING = 1;
    private static final int CHILD_EXITED = 2;

    private int fd;

    private Listener(final int fd)
    {
        this.fd = fd;
    }

    /**
     * The addresses to listen on, in the order {@link #open} tries them: the {@code -h} address when it resolves
     * (maybe a name only the remote host can resolve: then it is passed on as given and not listened on), else, or
     * when it is not one of this host's (behind NAT), the dual-stack wildcard, then the IPv4 one. Pure Java: the
     * local side works these out while the FFM bindings are still being linked.
     *
     * @param host the {@code -h} address, or null.
     */
    static List<InetAddress> addresses(final String host)
    {
        final List<InetAddress> addresses = new ArrayList<>(3);
        if (null != host)
        {
            try
            {
                addresses.add(InetAddress.getAllByName(host)[0]);
            }
            catch (final UnknownHostException ex)
            {
                // Listen everywhere and pass the name on as given.
            }
        }
        addresses.add(InetAddress.ofLiteral("::"));
        addresses.add(InetAddress.ofLiteral("0.0.0.0"));
        return addresses;
    }

    /**
     * @param addresses from {@link #addresses}: the first this host can listen on is taken (one it does not have,
     *     or IPv6 on a host without it, is passed over).
     * @return a listener on a port chosen by the kernel.
     */
    static Listener open(final List<InetAddress> addresses) throws PosixException
    {
        for (int i = 0; ; i++)
        {
            try
            {
                return new Listener(Sockets.listen(new InetSocketAddress(addresses.get(i), 0), BACKLOG));
            }
            catch (final PosixException ex)
            {
                if (i == addresses.size() - 1 || (Errno.EADDRNOTAVAIL != ex.errno() && Errno.EAFNOSUPPORT != ex.errno()))
                {
                    throw ex;
                }
            }
        }
    }

    /** @return the port to pass to the server instance. */
    int port() throws PosixException
    {
        return Sockets.localAddress(fd).getPort();
    }

    /**
     * Waits for the server instance to connect and pair. A connection from an unexpected address is closed before
     * anything is read from it or sent to it; one that fails the pairing is dropped too; each with a warning, and
     * waiting goes on. A warning is given once: the launcher's shell server instance, refused, hands over to the JVM
     * one, which is refused for the same reason. Gives up when the login command ends first, or at the deadline.
     *
     * @param peers      the address check, asked for only when a connection arrives (it may still be working).
     * @param deadlineNs {@link System#nanoTime()} to give up at, or null for no limit.
     * @param timeoutText the {@code -t} value, for the message.
     * @return the paired connection.
     * @throws SocketpipeException TIMEOUT at the deadline; the login command's status (or IO) if it ended first.
     */
    int accept(final Pairing pairing, final Supplier<PeerCheck> peers, final Children children, final Long deadlineNs,
        final String timeoutText, final Consumer<String> warnings) throws PosixException
    {
        boolean refused = false;
        final Set<String> said = new HashSet<>();
        final Consumer<String> once = line ->
        {
            if (said.add(line))
            {
                warnings.accept(line);
            }
        };
        while (true)
        {
            final long leftMs = null == deadlineNs ? Poll.FOREVER : Math.max(0, (deadlineNs - System.nanoTime()) / 1_000_000);
            final int ready = Poll.await((int)Math.min(leftMs, Integer.MAX_VALUE), fd, children.exitedFd());
            if (0 != (ready & LISTENING))
            {
                final int conn = Sockets.accept(fd);
                if (expected(conn, peers, once) && paired(conn, pairing, deadlineNs, once))
                {
                    return conn;
                }
                Sockets.closeQuietly(conn);
                refused = true;
            }
            else if (0 != (ready & CHILD_EXITED) && !children.isRunning(Children.Role.LOGIN))
            {
                throw loginEnded(children.status(Children.Role.LOGIN), refused);
            }
            else if (null != deadlineNs && System.nanoTime() - deadlineNs >= 0)
            {
                throw new SocketpipeException(SocketpipeException.Kind.TIMEOUT,
                    "the remote side did not connect back within " + timeoutText);
            }
        }
    }

    @Override
    public void close()
    {
        Sockets.closeQuietly(fd);
        fd = -1;
    }

    private static boolean expected(final int conn, final Supplier<PeerCheck> peers, final Consumer<String> warnings)
    {
        try
        {
            final InetAddress peer = Sockets.peerAddress(conn).getAddress();
            final String refusal = peers.get().reject(peer);
            if (null == refusal)
            {
                return true;
            }
            warnings.accept("ignored a connection from " + PeerCheck.text(peer) + ": " + refusal);
        }
        catch (final PosixException ex)
        {
            warnings.accept("ignored a connection from an unknown address: " + ex.getMessage());
        }
        return false;
    }

    private static boolean paired(final int conn, final Pairing pairing, final Long deadlineNs, final Consumer<String> warnings)
    {
        String peer = "an unknown address";
        try
        {
            peer = PeerCheck.text(Sockets.peerAddress(conn));
            final long helloDeadlineNs = System.nanoTime() + HELLO_TIMEOUT_NS;
            if (pairing.answer(conn, null == deadlineNs || helloDeadlineNs - deadlineNs < 0 ? helloDeadlineNs : deadlineNs))
            {
                return true;
            }
            warnings.accept("ignored a connection from " + peer + ": it is not the netpipe started by the login command");
        }
        catch (final PosixException ex)
        {
            warnings.accept("ignored a connection from " + peer + ": " + ex.getMessage());
        }
        return false;
    }

    /**
     * @param refused whether a connection came and was refused (warned about above): the server instance ends then
     *     too, having said so, and the login command passes its status on.
     */
    static SocketpipeException loginEnded(final int status, final boolean refused)
    {
        final int code = WaitStatus.exitCode(status);
        if (!refused && (Executables.NOT_FOUND == code || Executables.NOT_EXECUTABLE == code))
        {
            // A command not found on the remote host, netpipe itself (the remote shell) or the remote command (the
            // server instance), has been named there already: a line here would only repeat the status.
            return new SocketpipeException(code, null);
        }
        final String message = "the login command ended with " + WaitStatus.describe(status) +
            (refused ? " after the connection back was refused" : " before the remote side connected back");
        return 0 == code ? SocketpipeException.io(message) : new SocketpipeException(code, message);
    }
}
