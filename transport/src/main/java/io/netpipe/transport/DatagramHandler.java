package io.netpipe.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Takes the datagrams a {@link DatagramTransport} received, one call each, in place: the bytes stay in the
 * transport's buffer, so a batch of datagrams (recvmmsg, or a GRO-coalesced buffer split at its segment size) is
 * handed over without a copy.
 */
@FunctionalInterface
public interface DatagramHandler
{
    /**
     * @param buffer the transport's buffer; the datagram is {@code [offset, offset + length)}. Valid only during
     *               the call; the handler may read it and write inside the datagram, but not keep it.
     * @param offset index of the datagram's first byte.
     * @param length its length.
     * @param from   the source address.
     * @throws IOException when handling sends and the socket fails.
     */
    void onDatagram(ByteBuffer buffer, int offset, int length, InetSocketAddress from) throws IOException;
}
