package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link DatagramTransport} does, written once and run over each (NIO, Linux, the in-memory network):
 * a subclass says how to open an endpoint. Real sockets run on loopback with ports the kernel picks.
 */
@Timeout(30)
public abstract class DatagramTransportContract
{
    /** An open transport and the address others send to (for a shared one, the port is what counts). */
    public record Endpoint(DatagramTransport transport, InetSocketAddress address)
    {
    }

    /** One datagram as the handler saw it, copied. */
    public record Received(byte[] bytes, InetSocketAddress from)
    {
    }

    private final List<DatagramTransport> opened = new ArrayList<>();

    /**
     * Opens an endpoint.
     *
     * @param port   0 for any free port; else a port another shared endpoint already has.
     * @param shared whether a broadcast to {@link #broadcast} reaches it, and several share its port.
     */
    protected abstract Endpoint open(int port, boolean shared) throws IOException;

    /** @return the broadcast address for a port (127.255.255.255 on loopback). */
    protected abstract InetSocketAddress broadcast(int port);

    private Endpoint endpoint(final int port, final boolean shared) throws IOException
    {
        final Endpoint endpoint = open(port, shared);
        opened.add(endpoint.transport());
        return endpoint;
    }

    @AfterEach
    void closeAll() throws IOException
    {
        for (final DatagramTransport transport : opened)
        {
            transport.close();
        }
    }

    /** Datagram {@code index} of {@code size} bytes, recognisable by its content, from index 3 of a bigger buffer. */
    public static ByteBuffer datagram(final int index, final int size)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(size + 7);
        for (int i = 0; i < size; i++)
        {
            buffer.put(3 + i, (byte)(index * 31 + i * 7 + size));
        }
        return buffer.position(3).limit(3 + size);
    }

    private static byte[] bytes(final ByteBuffer datagram)
    {
        final byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        return bytes;
    }

    /** Receives until {@code count} datagrams came, {@code limit} at most a call; the class timeout bounds it. */
    protected static List<Received> receive(final DatagramTransport transport, final int count, final int limit)
        throws IOException
    {
        final List<Received> received = new ArrayList<>();
        while (received.size() < count)
        {
            final int before = received.size();
            final int n = transport.receive((buffer, offset, length, from) ->
            {
                final byte[] bytes = new byte[length];
                buffer.get(offset, bytes);
                received.add(new Received(bytes, from));
            }, limit);
            assertEquals(n, received.size() - before, "receive returns how many it handed over");
            assertTrue(n <= limit, "at most the limit: " + n);
            if (0 == n)
            {
                transport.awaitReceive(100_000_000L);
            }
        }
        return received;
    }

    private static void sendAll(final DatagramTransport from, final List<ByteBuffer> datagrams, final InetSocketAddress to)
        throws IOException
    {
        for (final ByteBuffer datagram : datagrams)
        {
            assertTrue(from.send(datagram, to));
        }
        from.flush();
    }

    private static void assertSameBytes(final List<ByteBuffer> sent, final List<Received> received)
    {
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++)
        {
            assertArrayEquals(bytes(sent.get(i)), received.get(i).bytes(), "datagram " + i);
        }
    }

    @Test
    void shouldCarryDatagramAndNameItsSource() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final ByteBuffer datagram = datagram(1, 8);

        sendAll(a.transport(), List.of(datagram), b.address());
        final List<Received> received = receive(b.transport(), 1, 10);

        assertSameBytes(List.of(datagram), received);
        assertEquals(a.address(), received.get(0).from());
        assertEquals(3, datagram.position(), "send leaves the position alone");
    }

    @Test
    void shouldHandOverBuffersThatReadFieldsInNetworkOrder() throws IOException
    {
        // Frame headers are read with getInt/getLong: a buffer in the machine's order would garble every field.
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final ByteBuffer datagram = ByteBuffer.allocateDirect(12).putInt(0x01020304).putLong(0x05060708090A0B0CL).flip();
        final List<String> fields = new ArrayList<>();

        sendAll(a.transport(), List.of(datagram), b.address());
        while (fields.isEmpty())
        {
            if (0 == b.transport().receive((buffer, offset, length, from) -> fields.add(
                Integer.toHexString(buffer.getInt(offset)) + " " + Long.toHexString(buffer.getLong(offset + 4))), 1))
            {
                b.transport().awaitReceive(100_000_000L);
            }
        }

        assertEquals(List.of("1020304 5060708090a0b0c"), fields);
    }

    @Test
    void shouldReturnZeroWhenNothingIsWaiting() throws IOException
    {
        final Endpoint a = endpoint(0, false);

        assertEquals(0, a.transport().receive((buffer, offset, length, from) -> { }, 64));
    }

    @Test
    void shouldCarryDatagramsOfEverySizeFromOneByteTo65507() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final int[] sizes = {1, 2, 3, 7, 8, 63, 64, 65, 511, 1399, 1400, 1401, 1472, 1473, 4096, 8972, 16_384, 32_768,
            65_506, 65_507};
        final List<ByteBuffer> datagrams = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++)
        {
            datagrams.add(datagram(i, sizes[i]));
        }

        sendAll(a.transport(), datagrams, b.address());

        assertSameBytes(datagrams, receive(b.transport(), datagrams.size(), 64));
    }

    @Test
    void shouldCarryMixedSizesOfOneFlushInOrder() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final List<ByteBuffer> datagrams = new ArrayList<>();
        // Runs a GSO sender batches (equal sizes, a shorter last one, more than 64, a 65507-byte one alone),
        // a heap buffer among them, and a run too large for one 65507-byte send.
        final int[][] runs = {{10, 1400}, {1, 700}, {5, 1400}, {3, 100}, {1, 65_507}, {70, 500}, {1, 1}, {60, 1200}};
        for (final int[] run : runs)
        {
            for (int i = 0; i < run[0]; i++)
            {
                datagrams.add(datagram(datagrams.size(), run[1]));
            }
        }
        datagrams.add(ByteBuffer.wrap(bytes(datagram(datagrams.size(), 1400))));

        sendAll(a.transport(), datagrams, b.address());

        assertSameBytes(datagrams, receive(b.transport(), datagrams.size(), 64));
    }

    @Test
    void shouldKeepInterleavedDestinationsApart() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final Endpoint c = endpoint(0, false);
        final List<ByteBuffer> toB = new ArrayList<>();
        final List<ByteBuffer> toC = new ArrayList<>();
        for (int i = 0; i < 30; i++)
        {
            final ByteBuffer datagram = datagram(i, 1000);
            final boolean second = (i / 5) % 2 == 1;
            (second ? toC : toB).add(datagram);
            assertTrue(a.transport().send(datagram, second ? c.address() : b.address()));
        }
        a.transport().flush();

        assertSameBytes(toB, receive(b.transport(), toB.size(), 64));
        assertSameBytes(toC, receive(c.transport(), toC.size(), 64));
    }

    @Test
    void shouldHandOverNoMoreThanTheLimitAndKeepTheRest() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final List<ByteBuffer> datagrams = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            datagrams.add(datagram(i, 100));
        }

        sendAll(a.transport(), datagrams, b.address());

        assertSameBytes(datagrams, receive(b.transport(), datagrams.size(), 7));
    }

    @Test
    void shouldLoseNothingThatFitsTheSocketBuffer() throws IOException
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final List<ByteBuffer> datagrams = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
        {
            datagrams.add(datagram(i, 1000));
        }

        sendAll(a.transport(), datagrams, b.address());

        assertSameBytes(datagrams, receive(b.transport(), datagrams.size(), 64));
    }

    @Test
    void shouldWakeUpAWaitingReceiver() throws Exception
    {
        final Endpoint a = endpoint(0, false);
        final Endpoint b = endpoint(0, false);
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch woke = new CountDownLatch(1);
        final Thread waiter = Thread.ofPlatform().name("waiter").start(() ->
        {
            waiting.countDown();
            try
            {
                b.transport().awaitReceive(TimeUnit.SECONDS.toNanos(60));
            }
            catch (final IOException ignore)
            {
                // the assertion below fails instead
            }
            woke.countDown();
        });
        waiting.await();

        sendAll(a.transport(), List.of(datagram(0, 10)), b.address());

        woke.await();
        waiter.join();
        assertEquals(1, receive(b.transport(), 1, 10).size());
    }

    @Test
    void shouldCopyABroadcastToEveryEndpointOnThePort() throws IOException
    {
        final Endpoint first = endpoint(0, true);
        final int port = first.address().getPort();
        final Endpoint second = endpoint(port, true);
        final Endpoint sender = endpoint(0, false);
        final List<ByteBuffer> datagrams = List.of(datagram(0, 1200), datagram(1, 1200), datagram(2, 300));

        sendAll(sender.transport(), datagrams, broadcast(port));

        assertSameBytes(datagrams, receive(first.transport(), datagrams.size(), 64));
        assertSameBytes(datagrams, receive(second.transport(), datagrams.size(), 64));
    }
}
