package io.netpipe.forward;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend's addresses for one client. A name is resolved again per client and every one of its addresses is
 * offered in the resolver's order, so {@code localhost:5098} reaches a backend listening on {@code [::1]} only
 * although the name's first address is 127.0.0.1.
 */
final class BackendAddresses
{
    /** Host name to addresses, in the order to try them; the JDK's resolver outside tests. */
    @FunctionalInterface
    interface Resolver
    {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final InetSocketAddress backend;
    private final Resolver resolver;

    BackendAddresses(final InetSocketAddress backend, final Resolver resolver)
    {
        this.backend = backend;
        this.resolver = resolver;
    }

    /**
     * @return the one address when the backend was given resolved, else every address the name has now (the JDK
     *         caches lookups for 30 s, so this rarely asks DNS).
     * @throws UnknownHostException when the name no longer resolves.
     */
    List<InetSocketAddress> resolve() throws UnknownHostException
    {
        if (!backend.isUnresolved())
        {
            return List.of(backend);
        }
        final InetAddress[] addresses = resolver.resolve(backend.getHostString());
        final List<InetSocketAddress> all = new ArrayList<>(addresses.length);
        for (final InetAddress address : addresses)
        {
            all.add(new InetSocketAddress(address, backend.getPort()));
        }
        if (all.isEmpty())
        {
            throw new UnknownHostException(backend.getHostString());
        }
        return all;
    }
}
