package io.netpipe.forward;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a {@link Relay} listens on, where it relays to, and its limits.
 *
 * @param listen           the address to listen on; port 0 picks a free port (see {@link Relay#localAddress()}).
 * @param backend          the resolved address every accepted client is relayed to.
 * @param maxConnections   at most this many open pairs; further clients wait in the listen backlog. 0: no limit.
 * @param idleTimeoutNs    close a pair after this long with no bytes in either direction. 0: never.
 * @param connectTimeoutNs give up on the backend after this long, closing the client.
 * @param bufferBytes      the size of each direction's copy buffer.
 */
public record RelayConfig(
    InetSocketAddress listen,
    InetSocketAddress backend,
    int maxConnections,
    long idleTimeoutNs,
    long connectTimeoutNs,
    int bufferBytes)
{
    /** Default copy buffer: large enough that a 1 GiB stream costs few system calls, small enough for many pairs. */
    public static final int DEFAULT_BUFFER_BYTES = 128 * 1024;
    /** Default backend connect timeout: 10 s. */
    public static final long DEFAULT_CONNECT_TIMEOUT_NS = 10_000_000_000L;

    /** Checks the values, so a bad configuration fails before a port is bound. */
    public RelayConfig
    {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(backend, "backend");
        if (backend.isUnresolved())
        {
            throw new IllegalArgumentException("backend address is unresolved: " + backend);
        }
        if (maxConnections < 0 || idleTimeoutNs < 0 || connectTimeoutNs <= 0 || bufferBytes < 1024)
        {
            throw new IllegalArgumentException("negative limit, no connect timeout, or a buffer under 1 KiB");
        }
    }

    /**
     * @param listen  the address to listen on.
     * @param backend the address to relay to.
     * @return a configuration with no connection limit, no idle timeout and the default connect timeout and buffer.
     */
    public static RelayConfig of(final InetSocketAddress listen, final InetSocketAddress backend)
    {
        return new RelayConfig(listen, backend, 0, 0, DEFAULT_CONNECT_TIMEOUT_NS, DEFAULT_BUFFER_BYTES);
    }

    /**
     * @param n at most this many open pairs, 0 for no limit.
     * @return a copy with that limit.
     */
    public RelayConfig withMaxConnections(final int n)
    {
        return new RelayConfig(listen, backend, n, idleTimeoutNs, connectTimeoutNs, bufferBytes);
    }

    /**
     * @param ns the idle timeout in nanoseconds, 0 for none.
     * @return a copy with that idle timeout.
     */
    public RelayConfig withIdleTimeoutNs(final long ns)
    {
        return new RelayConfig(listen, backend, maxConnections, ns, connectTimeoutNs, bufferBytes);
    }

    /**
     * @param ns the backend connect timeout in nanoseconds.
     * @return a copy with that connect timeout.
     */
    public RelayConfig withConnectTimeoutNs(final long ns)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, ns, bufferBytes);
    }

    /**
     * @param bytes the copy buffer size of each direction.
     * @return a copy with that buffer size.
     */
    public RelayConfig withBufferBytes(final int bytes)
    {
        return new RelayConfig(listen, backend, maxConnections, idleTimeoutNs, connectTimeoutNs, bytes);
    }
}
