package io.netpipe.socketpipe;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides whether a connection to the listener comes from the host the login command starts the server instance
 * on, before a byte of it is read. The pairing token alone is not enough: it travels in the login command's
 * arguments, which every user of either host can read in the process list, so a local user could race the server
 * instance with it. Only a process on the remote host can connect from the remote host's address.
 * <p>
 * The expected host is the {@code -f} value; without one, it comes from the login command: for one that runs
 * ssh, the {@code hostname} that {@code ssh -G} prints (see {@link SshConfig}), resolved to all its addresses;
 * for any other, such as {@code env}, this host: a loopback address or one of its interfaces' addresses.
 * IPv4 peers of the dual-stack listener are compared as IPv4, not as IPv4-mapped IPv6 addresses.
 */
final class PeerCheck
{
    /** Looks a host name up: {@link InetAddress#getAllByName}, or a fake in tests (a lookup may go to DNS). */
    @FunctionalInterface
    interface Resolver
    {
        /** @return every address of the host. */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String HINT = "give -f HOST with the remote host's name or address as seen from here, " +
        "or -f " + Invocation.Client.ANY_HOST;
    private static final int MAPPED_PREFIX_BYTES = 12;

    private final Predicate<InetAddress> accepts;
    /** How a rejection names the expected host. */
    private final String expected;
    /** Why no peer can be accepted, or null if the check can be made. */
    private final String failure;

    private PeerCheck(final Predicate<InetAddress> accepts, final String expected, final String failure)
    {
        this.accepts = accepts;
        this.expected = expected;
        this.failure = failure;
    }

    /** @return a check that accepts every peer: {@code -f any}, the token alone decides. */
    static PeerCheck any()
    {
        return new PeerCheck(peer -> true, "any host", null);
    }

    /** @return a check that accepts this host's own addresses: loopback, or an address of one of its interfaces. */
    static PeerCheck thisHost()
    {
        return new PeerCheck(PeerCheck::isThisHost, "this host, where a login command without ssh runs the server instance",
            null);
    }

    /**
     * @param label    how messages name the host before its name, e.g. {@code the remote host}.
     * @param name     the host's name or address.
     * @param resolver looks the name up.
     * @return a check that accepts any address the host resolves to, or one that accepts nothing and says why.
     */
    static PeerCheck host(final String label, final String name, final Resolver resolver)
    {
        final Set<InetAddress> addresses;
        try
        {
            addresses = Arrays.stream(resolver.resolve(name)).map(PeerCheck::normalise).collect(Collectors.toUnmodifiableSet());
        }
        catch (final UnknownHostException ex)
        {
            return unknown(label + " " + name + " does not resolve here");
        }
        final String at = isLiteral(name) ? ""
            : addresses.stream().map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(" or ", " at ", ""));
        return new PeerCheck(addresses::contains, label + " " + name + at, null);
    }

    /** @return a check that accepts nothing because the expected host is not known, and says why. */
    static PeerCheck unknown(final String why)
    {
        return new PeerCheck(peer -> false, null, "cannot check that it comes from the remote host: " + why + " (" + HINT + ")");
    }

    /**
     * Works out the check for the local side's options. Only {@code -f any} and a login without ssh are known at
     * once; a host name is resolved, and {@code ssh -G} run, on a thread of its own so the login is not delayed.
     *
     * @param from        the {@code -f} value, or null.
     * @param login       the login command, already started.
     * @param environment the login command's environment.
     * @param resolver    looks host names up.
     * @return the check, which never completes exceptionally.
     */
    static CompletableFuture<PeerCheck> expect(final String from, final List<String> login, final Map<String, String> environment,
        final Resolver resolver)
    {
        if (Invocation.Client.ANY_HOST.equals(from))
        {
            return CompletableFuture.completedFuture(any());
        }
        final int ssh = SshConfig.sshWord(login);
        if (null == from && ssh < 0)
        {
            return CompletableFuture.completedFuture(thisHost());
        }
        return CompletableFuture.supplyAsync(() ->
            {
                if (null != from)
                {
                    return host("the -f host", from, resolver);
                }
                try
                {
                    return host("the remote host", SshConfig.hostname(login, ssh, environment), resolver);
                }
                catch (final IOException ex)
                {
                    return unknown(ex.getMessage());
                }
                catch (final InterruptedException ex)
                {
                    return unknown("interrupted while running ssh -G");
                }
            }, task -> Thread.ofPlatform().daemon().name("socketpipe-peer-check").start(task))
            .exceptionally(ex -> unknown(String.valueOf(ex.getMessage())));
    }

    /** @return {@link #expect(String, List, Map, Resolver)} with the system's resolver. */
    static CompletableFuture<PeerCheck> expect(final String from, final List<String> login, final Map<String, String> environment)
    {
        return expect(from, login, environment, InetAddress::getAllByName);
    }

    /**
     * @param peer the address a connection comes from.
     * @return null if it may go on to pairing, else why not, one clause for a warning.
     */
    String reject(final InetAddress peer)
    {
        if (null != failure)
        {
            return failure;
        }
        if (accepts.test(normalise(peer)))
        {
            return null;
        }
        return "not from " + expected + " (give -f " + text(peer) + " to accept it, or -f " + Invocation.Client.ANY_HOST + ")";
    }

    /**
     * @return an address and port as messages write them: {@code 127.0.0.1:44439}, {@code [::1]:44439}; unlike
     *     {@link InetSocketAddress#toString()}, without a leading slash.
     */
    static String text(final InetSocketAddress address)
    {
        final InetAddress host = normalise(address.getAddress());
        return (host instanceof Inet6Address ? "[" + text(host) + "]" : text(host)) + ":" + address.getPort();
    }

    /** @return the address as messages and {@code -f} write it: IPv4 for an IPv4-mapped address. */
    static String text(final InetAddress address)
    {
        final InetAddress plain = normalise(address);
        return plain instanceof Inet6Address ? compressed(plain.getHostAddress()) : plain.getHostAddress();
    }

    /**
     * @return an IPv6 address from {@link InetAddress#getHostAddress()} ({@code 0:0:0:0:0:0:0:1}, maybe with a
     *     {@code %scope}) in its short form ({@code ::1}): the longest run of two or more zero groups, the first
     *     of equal runs, becomes {@code ::} (RFC 5952).
     */
    static String compressed(final String longForm)
    {
        final int percent = longForm.indexOf('%');
        final String scope = percent < 0 ? "" : longForm.substring(percent);
        final String[] groups = (percent < 0 ? longForm : longForm.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++)
        {
            int j = i;
            while (j < groups.length && "0".equals(groups[j]))
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0)
        {
            return String.join(":", groups) + scope;
        }
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::" +
            String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length)) + scope;
    }

    /** @return an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address; others unchanged. */
    static InetAddress normalise(final InetAddress address)
    {
        if (address instanceof Inet6Address)
        {
            final byte[] bytes = address.getAddress();
            boolean mapped = (byte)0xff == bytes[10] && (byte)0xff == bytes[11];
            for (int i = 0; i < 10 && mapped; i++)
            {
                mapped = 0 == bytes[i];
            }
            if (mapped)
            {
                try
                {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, MAPPED_PREFIX_BYTES, bytes.length));
                }
                catch (final UnknownHostException impossible)
                {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return address;
    }

    private static boolean isLiteral(final String name)
    {
        try
        {
            InetAddress.ofLiteral(name);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static boolean isThisHost(final InetAddress peer)
    {
        if (peer.isLoopbackAddress())
        {
            return true;
        }
        try
        {
            return null != NetworkInterface.getByInetAddress(peer);
        }
        catch (final SocketException ex)
        {
            return false;
        }
    }
}
