package io.netpipe.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The one seam between netpipe's protocol agents and the network, batch-shaped: sends queue datagrams for one
 * {@link #flush()}, and a receive hands over a run of datagrams in place through a {@link DatagramHandler}. So a
 * batching transport (sendmmsg and UDP GSO, recvmmsg and GRO) replaces the plain channel without a copy, and the
 * protocol code is the same over every transport: {@code UdpTransport}, a Linux one, the tests' in-memory network.
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
     * Hands the datagrams that are waiting, up to {@code limit}, to {@code handler} in place, without blocking.
     * A batching transport fetches them with one system call; the handler sees each in the transport's buffer.
     *
     * @param handler takes each datagram.
     * @param limit   the most datagrams to hand over in this call.
     * @return how many were handed over; 0 when nothing was waiting.
     * @throws IOException when the socket or the handler fails.
     */
    int receive(DatagramHandler handler, int limit) throws IOException;

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

    /** @return a short name for summaries and reports ({@code nio}, {@code linux}, ...). */
    default String name()
    {
        return getClass().getSimpleName();
    }
}
