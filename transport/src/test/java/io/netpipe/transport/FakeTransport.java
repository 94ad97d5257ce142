package io.netpipe.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;


/** Records what is sent and hands out what the test queued, one datagram per receive. */
public final class FakeTransport implements DatagramTransport
{
    /** One datagram, copied. */
    public record Datagram(InetSocketAddress address, byte[] bytes)
    {
        /** @return a copy of the bytes to read. */
        public ByteBuffer buffer()
        {
            return ByteBuffer.wrap(bytes.clone());
        }
    }

    private final ArrayDeque<Datagram> inbox = new ArrayDeque<>();
    private final List<Datagram> sent = new ArrayList<>();

    public void deliver(final InetSocketAddress from, final byte[] bytes)
    {
        inbox.add(new Datagram(from, bytes));
    }

    public List<Datagram> sent()
    {
        return sent;
    }

    public void clearSent()
    {
        sent.clear();
    }

    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        final byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        sent.add(new Datagram(to, bytes));
        return true;
    }

    @Override
    public InetSocketAddress receive(final ByteBuffer into)
    {
        into.clear();
        final Datagram datagram = inbox.poll();
        if (null == datagram)
        {
            into.flip();
            return null;
        }
        into.put(datagram.bytes).flip();
        return datagram.address;
    }

    @Override
    public void awaitReceive(final long timeoutNs)
    {
    }

    @Override
    public void close()
    {
    }
}
