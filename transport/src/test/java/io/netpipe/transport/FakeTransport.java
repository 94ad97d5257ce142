package io.netpipe.transport;

import java.io.IOException;
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

    /** Datagrams are handed over from an odd offset, as a batching transport may, never from index 0. */
    private static final int OFFSET = 5;

    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536 + OFFSET);
    private final ArrayDeque<Datagram> inbox = new ArrayDeque<>();
    private final List<Datagram> sent = new ArrayList<>();
    private final List<Datagram> delivered = new ArrayList<>();
    private Runnable onSend = () -> { };

    public void deliver(final InetSocketAddress from, final byte[] bytes)
    {
        final Datagram datagram = new Datagram(from, bytes);
        inbox.add(datagram);
        delivered.add(datagram);
    }

    /** @return every datagram ever queued for receipt, in order (for a test that replays captured traffic). */
    public List<Datagram> delivered()
    {
        return delivered;
    }

    public List<Datagram> sent()
    {
        return sent;
    }

    public void clearSent()
    {
        sent.clear();
    }

    /** @param hook runs at every send from now on (a test's clock moving while a datagram goes, say). */
    public void onSend(final Runnable hook)
    {
        onSend = hook;
    }

    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to)
    {
        final byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        sent.add(new Datagram(to, bytes));
        onSend.run();
        return true;
    }

    @Override
    public int receive(final DatagramHandler handler, final int limit) throws IOException
    {
        int count = 0;
        Datagram datagram;
        while (count < limit && null != (datagram = inbox.poll()))
        {
            count++;
            rx.clear();
            rx.put(OFFSET, datagram.bytes);
            handler.onDatagram(rx, OFFSET, datagram.bytes.length, datagram.address);
        }
        return count;
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
