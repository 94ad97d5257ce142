package io.netpipe.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The one seam between netpipe's protocol agents and the network. Small on purpose: a batching transport
 * (sendmmsg, recvmmsg, UDP GSO) replaces the plain channel behind it, and tests use an in-memory lossy network.
 * One thread uses a transport; none of its methods allocate in steady state.
 */
public interface DatagramTransport extends Closeable
{
    /**
     * Sends, or queues for {@link #flush()}, the bytes {@code [position, limit)} of {@code datagram}. A batching
     * transport keeps a reference until the flush, so the caller leaves the bytes alone until then.
     *
     * @param datagram the datagram; its position is left unchanged.
     * @param to       the destination.
     * @return false when the transport cannot take it now (its buffer is full); try again later.
     * @throws IOException when the socket fails.
     */
    boolean send(ByteBuffer datagram, InetSocketAddress to) throws IOException;

    /**
     * Pushes out anything {@link #send} queued. A no-op for a transport that sends at once.
     *
     * @throws IOException when the socket fails.
     */
    default void flush() throws IOException
    {
    }

    /**
     * Receives one datagram if one is waiting, without blocking.
     *
     * @param into receives the datagram from index 0; on return its limit is the datagram's length.
     * @return the source address, or {@code null} when nothing was waiting.
     * @throws IOException when the socket fails.
     */
    InetSocketAddress receive(ByteBuffer into) throws IOException;

    /**
     * Blocks until a datagram may be waiting or the timeout passes, whichever comes first.
     *
     * @param timeoutNs the longest wait.
     * @throws IOException when the socket fails.
     */
    void awaitReceive(long timeoutNs) throws IOException;

    /**
     * @return how many bytes of waiting datagrams the transport holds before it drops more, 0 if unknown: it bounds
     *     how long a receiver may let datagrams gather before it drains them.
     */
    default int receiveBufferBytes()
    {
        return 0;
    }
}
