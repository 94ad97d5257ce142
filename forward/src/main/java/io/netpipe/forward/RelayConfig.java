package io.netpipe.forward;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a {@link Relay} listens on, where it relays to, and its limits.
 *
 * @param listen           the address to listen on; port 0 picks a free port (see {@link Relay#localAddress()}).
 * @param backend          where every accepted client is relayed to: a resolved address, or an unresolved
 *                         host name and port, resolved again for each client and tried at each of its addresses.
 * @param maxConnections   at most this many open pairs; further clients wait in the listen backlog. 0: no limit.
 * @param idleTimeoutNs    cut a pair after this long with no bytes read or written in either direction. 0: never.
 * @param halfCloseTimeoutNs cut a pair whose client has sent EOF once the backend has sent nothing for this
 *                         long (a client that gave up on a backend that never answers). 0: never.
 * @param connectTimeoutNs give up on a backend address after this long (each address of a name gets this long);
 *                         when every address failed, the client is closed.
 * @param bulkThreads      at most this many directions carrying bulk data move to platform threads (see
 *                         {@link BulkThreads}); 0 keeps every direction on a virtual thread.
 * @param bulkBufferBytes  the copy buffer of a direction on a platform thread; virtual threads use
 *                         {@link #SMALL_BUFFER_BYTES}, so idle pairs hold little memory.
 */
public record RelayConfig(
    InetSocketAddress listen,
    InetSocketAddress backend,
    int maxConnections,
    long idleTimeoutNs,
    long halfCloseTimeoutNs,
    long connectTimeoutNs,
    int bulkThreads,
    int bulkBufferBytes)
{
    /** The copy buffer of a direction on a virtual thread: all an interactive exchange needs. */
    public static final int SMALL_BUFFER_BYTES = 16 * 1024;
    /** Default bulk copy buffer: a 1 GiB stream costs a few thousand system calls each way. */
    public static final int DEFAULT_BULK_BUFFER_BYTES = 256 * 1024;
    /** Default backend connect timeout: 10 s. */
    public static final long DEFAULT_CONNECT_TIMEOUT_NS = 10_000_000_000L;
    /** Default half-close timeout: 60 s, as long as Linux keeps an orphaned FIN_WAIT2 socket. */
    public static final long DEFAULT_HALF_CLOSE_TIMEOUT_NS = 60_000_000_000L;
    /** Default bulk threads: a few per core; more bulk streams than that cannot all run at once anyway. */
    public static final int DEFAULT_BULK_THREADS = 4 * Runtime.getRuntime().availableProcessors();

    /** Checks the values, so a bad configuration fails before a port is bound. */
    public RelayConfig
    {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(backend, "backend");
        if (maxConnections < 0 || idleTimeoutNs < 0 || halfCloseTimeoutNs < 0 || connectTimeoutNs <= 0 ||
            bulkThreads < 0 || bulkBufferBytes < SMALL_BUFFER_BYTES)
        {
            throw new IllegalArgumentException("negative limit, no connect timeout, or a bulk buffer under 16 KiB");
        }
    }

    /**
     * @param listen  the address to listen on.
     * @param backend the address to relay to.
     * @return a configuration with no connection limit, no idle timeout and the defaults for the rest.
     */
    public static RelayConfig of(final InetSocketAddress listen, final InetSocketAddress backend)
    {
        return new RelayConfig(listen, backend, 0, 0, DEFAULT_HALF_CLOSE_TIMEOUT_NS, DEFAULT_CONNECT_TIMEOUT_NS,
            DEFAULT_BULK_THREADS, DEFAULT_BULK_BUFFER_BYTES);
    }

    /**
     * @param n at most this many open pairs, 0 for no limit.
     * @return a copy with that limit.
     */
    public RelayConfig withMaxConnections(final int n)
    {
        return new RelayConfig(listen, backend, n, idleTimeoutNs, halfCloseTimeoutNs, connectTimeoutNs, bulkThreads,
            bulkBufferBytes);
    }

    /**
     * @param ns the idle timeout in nanoseconds, 0 for none.
     * @return a copy with that idle timeout.
     */
    public RelayConfig withIdleTimeoutNs(final long ns)
    {
        return new RelayConfig(listen, backend, maxConnections, ns, halfCloseTimeoutNs, connectTimeoutNs,
            bulkThreads, bulkBufferBytes);
    }

    /**
     * @param ns the half-close timeout in nanoseconds, 0 for none.
     * @return a copy with that half-close timeout.
     */
    public RelayConfig withHalfCloseTimeoutNs(final long ns)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, ns, connectTimeoutNs, bulkThreads,
            bulkBufferBytes);
    }

    /**
     * @param ns the backend connect timeout in nanoseconds.
     * @return a copy with that connect timeout.
     */
    public RelayConfig withConnectTimeoutNs(final long ns)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, halfCloseTimeoutNs, ns, bulkThreads,
            bulkBufferBytes);
    }

    /**
     * @param n at most this many bulk directions on platform threads, 0 for none.
     * @return a copy with that limit.
     */
    public RelayConfig withBulkThreads(final int n)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, halfCloseTimeoutNs, connectTimeoutNs,
            n, bulkBufferBytes);
    }

    /**
     * @param bytes the copy buffer of a bulk direction.
     * @return a copy with that buffer size.
     */
    public RelayConfig withBulkBufferBytes(final int bytes)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, halfCloseTimeoutNs, connectTimeoutNs,
            bulkThreads, bytes);
    }
}
