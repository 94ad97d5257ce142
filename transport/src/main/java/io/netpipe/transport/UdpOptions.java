package io.netpipe.transport;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * How to open a {@link UdpTransport}.
 *
 * @param bindAddress        local address and port.
 * @param reuseAddress       SO_REUSEADDR, so several receivers on one host share the data port.
 * @param receiveBufferBytes SO_RCVBUF to ask for (the kernel may cap it at net.core.rmem_max).
 * @param sendBufferBytes    SO_SNDBUF to ask for.
 * @param multicastInterface interface for outgoing multicast, or {@code null} for the routing table's choice.
 * @param multicastTtl       IP_MULTICAST_TTL.
 */
public record UdpOptions(
    InetSocketAddress bindAddress,
    boolean reuseAddress,
    int receiveBufferBytes,
    int sendBufferBytes,
    NetworkInterface multicastInterface,
    int multicastTtl)
{
}
