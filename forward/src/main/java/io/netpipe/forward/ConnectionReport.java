package io.netpipe.forward;

import java.net.InetSocketAddress;

/**
 * One relayed pair, after it was closed.
 *
 * @param client           the client's address.
 * @param backend          the backend address the pair was connected to (of a name, the one that answered).
 * @param bytesToBackend   bytes copied from the client to the backend.
 * @param bytesToClient    bytes copied from the backend to the client.
 * @param durationNs       from accept to close.
 * @param failure          why the pair was cut ({@code idle timeout}, {@code half-close timeout},
 *                         {@code backend: connection reset}, ...), or
 *                         null when both directions ended with an orderly EOF.
 */
public record ConnectionReport(
    InetSocketAddress client,
    InetSocketAddress backend,
    long bytesToBackend,
    long bytesToClient,
    long durationNs,
    String failure)
{
    /** @return whether both directions ended with an orderly EOF. */
    public boolean clean()
    {
        return null == failure;
    }
}
