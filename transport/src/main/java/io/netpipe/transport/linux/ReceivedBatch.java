package io.netpipe.transport.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.transport.DatagramHandler;

/**
 * The messages one {@code recvmmsg} filled in, handed out one datagram at a time and in place. A GRO-coalesced
 * message (segment size from its {@code UDP_GRO} cmsg) is split at that size, the last piece possibly shorter,
 * without a copy. A receive may stop at its limit inside a message; the next one resumes there. Pure bookkeeping
 * over a buffer and arrays, so it is tested without sockets.
 */
final class ReceivedBatch
{
    private final int[] offset;
    private final int[] length;
    private final int[] segment;
    private final InetSocketAddress[] from;
    private int messages;
    private int message;
    private int within;

    /** @param capacity the most messages one batch holds. */
    ReceivedBatch(final int capacity)
    {
        offset = new int[capacity];
        length = new int[capacity];
        segment = new int[capacity];
        from = new InetSocketAddress[capacity];
    }

    /** Forgets what is left and starts a new batch of {@code messages}, each set with {@link #set}. */
    void reset(final int messages)
    {
        this.messages = messages;
        message = 0;
        within = 0;
    }

    /**
     * Describes message {@code m}.
     *
     * @param bytes       its length; negative to skip it (truncated, so its bytes cannot be trusted).
     * @param segmentSize the GRO segment size, 0 when the kernel did not coalesce it.
     */
    void set(final int m, final int bufferOffset, final int bytes, final int segmentSize, final InetSocketAddress source)
    {
        offset[m] = bufferOffset;
        length[m] = bytes;
        segment[m] = segmentSize;
        from[m] = source;
    }

    /** @return whether datagrams of this batch are still to be handed out. */
    boolean hasMore()
    {
        return message < messages;
    }

    /**
     * Hands out up to {@code limit} datagrams from where the last call stopped.
     *
     * @return how many were handed out.
     * @throws IOException from the handler; the datagram it failed on counts as handed out.
     */
    int drain(final ByteBuffer buffer, final DatagramHandler handler, final int limit) throws IOException
    {
        int handed = 0;
        while (handed < limit && message < messages)
        {
            final int m = message;
            final int total = length[m];
            if (total < 0)
            {
                message++;
                continue;
            }
            final int size = segment[m] > 0 ? segment[m] : Math.max(total, 1);
            final int start = within;
            final int piece = Math.min(size, total - start);
            within += size;
            if (within >= total)
            {
                message++;
                within = 0;
            }
            handed++;
            handler.onDatagram(buffer, offset[m] + start, piece, from[m]);
        }
        return handed;
    }
}
