package io.netpipe.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A lossy network in memory, for tests and simulations: endpoints exchange datagrams through queues, and every
 * delivery may be dropped, duplicated or held back behind the next one (reordering), from a seeded random source.
 * A datagram to an address no endpoint has is a broadcast: every endpoint bound to that port gets a copy.
 * Single-threaded: the test drives every agent from one thread. Allocates per datagram; not for benchmarks.
 */
public final class InMemoryNetwork
{
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Random random;
    private final double lossRate;
    private final double duplicateRate;
    private final double reorderRate;
    private long delivered;
    private long dropped;

    /**
     * @param seed          random seed, so a failing run can be replayed.
     * @param lossRate      probability that one delivery is dropped.
     * @param duplicateRate probability that one delivery arrives twice.
     * @param reorderRate   probability that one delivery is held back behind the next.
     */
    public InMemoryNetwork(final long seed, final double lossRate, final double duplicateRate, final double reorderRate)
    {
        this.random = new Random(seed);
        this.lossRate = lossRate;
        this.duplicateRate = duplicateRate;
        this.reorderRate = reorderRate;
    }

    /**
     * @param address the endpoint's address and port.
     * @return a transport bound there.
     */
    public Endpoint endpoint(final InetSocketAddress address)
    {
        return endpoint(address, lossRate);
    }

    /**
     * @param address  the endpoint's address and port.
     * @param lossRate probability that one delivery to this endpoint is dropped, in place of the network's.
     * @return a transport bound there.
     */
    public Endpoint endpoint(final InetSocketAddress address, final double lossRate)
    {
        final Endpoint endpoint = new Endpoint(address, lossRate);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** @return deliveries made. */
    public long delivered()
    {
        return delivered;
    }

    /** @return deliveries dropped. */
    public long dropped()
    {
        return dropped;
    }

    private void route(final Endpoint from, final byte[] bytes, final InetSocketAddress to)
    {
        boolean unicast = false;
        for (final Endpoint e : endpoints)
        {
            if (e.address.equals(to))
            {
                unicast = true;
                deliver(e, from, bytes);
            }
        }
        if (!unicast)
        {
            for (final Endpoint e : endpoints)
            {
                if (e != from && e.address.getPort() == to.getPort() && !e.closed)
                {
                    deliver(e, from, bytes);
                }
            }
        }
    }

    private void deliver(final Endpoint to, final Endpoint from, final byte[] bytes)
    {
        if (to.closed || random.nextDouble() < to.lossRate)
        {
            dropped++;
            return;
        }
        final Packet packet = new Packet(from.address, bytes);
        if (random.nextDouble() < reorderRate && null == to.heldBack)
        {
            to.heldBack = packet;
            return;
        }
        to.inbox.add(packet);
        delivered++;
        if (random.nextDouble() < duplicateRate)
        {
            to.inbox.add(packet);
        }
        if (null != to.heldBack)
        {
            to.inbox.add(to.heldBack);
            to.heldBack = null;
        }
    }

    private record Packet(InetSocketAddress from, byte[] bytes)
    {
    }

    /** One endpoint of the in-memory network. */
    public final class Endpoint implements DatagramTransport
    {
        private final InetSocketAddress address;
        private final double lossRate;
        private final ArrayDeque<Packet> inbox = new ArrayDeque<>();
        private final ByteBuffer batch = ByteBuffer.allocateDirect(1 << 18);
        private Packet heldBack;
        private boolean closed;

        private Endpoint(final InetSocketAddress address, final double lossRate)
        {
            this.address = address;
            this.lossRate = lossRate;
        }

        /** @return the endpoint's address. */
        public InetSocketAddress address()
        {
            return address;
        }

        @Override
        public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
        {
            if (!closed)
            {
                final byte[] bytes = new byte[datagram.remaining()];
                datagram.get(datagram.position(), bytes);
                route(this, bytes, to);
            }
            return true;
        }

        @Override
        public int receive(final DatagramHandler handler, final int limit) throws IOException
        {
            // Datagrams are laid one after another from an odd offset, as a batching transport lays out a batch,
            // so code that assumes a frame at index 0 fails here rather than on a real network.
            int count = 0;
            int offset = 3;
            Packet packet;
            while (count < limit && null != (packet = inbox.peek()) && offset + packet.bytes.length <= batch.capacity())
            {
                inbox.poll();
                batch.clear();
                batch.put(offset, packet.bytes);
                count++;
                handler.onDatagram(batch, offset, packet.bytes.length, packet.from);
                offset += packet.bytes.length + 5;
            }
            return count;
        }

        @Override
        public void awaitReceive(final long timeoutNs)
        {
            // Single-threaded: the test advances time itself.
        }

        /** Stops sending and receiving, as if the host died. */
        @Override
        public void close()
        {
            closed = true;
            inbox.clear();
        }
    }
}
