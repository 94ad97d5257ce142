package io.netpipe.bench.blast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

import io.netpipe.transport.DatagramHandler;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.linux.LinuxOptions;
import io.netpipe.transport.linux.LinuxUdpTransport;

/**
 * The benchmark's ceiling: netpipe's Linux transport with no protocol on top. The sender reads a file and sends it
 * in datagrams of netpipe's size (UDP GSO, batches, no pacing, no repair, no digest), then an end marker a few
 * times; each receiver only counts what arrives and says, on stderr, how much of the stream it got. What the
 * slowest receiver got in the time taken is the most any protocol over this transport could deliver.
 *
 * <pre>
 *   Blaster send DEST_ADDRESS PORT FILE
 *   Blaster recv PORT [GROUP INTERFACE]
 * </pre>
 * A datagram is one kind byte ({@code 'D'} data, {@code 'E'} end) and, for the end, the stream's length.
 */
public final class Blaster
{
    /** A DATA datagram's size: netpipe's at MTU 1500 (1500 - 20 IP - 8 UDP). */
    static final int DATAGRAM_BYTES = 1472;
    private static final int CHUNK_DATAGRAMS = 712;
    private static final byte DATA = 'D';
    private static final byte END = 'E';
    private static final int END_REPEATS = 10;
    private static final long END_SPACING_NS = 20_000_000L;
    /** A receiver that heard data and then nothing for this long reports what it has (its end markers were lost). */
    private static final long SILENCE_NS = 5_000_000_000L;
    private static final int SOCKET_BUFFER_BYTES = 64 << 20;

    private Blaster()
    {
    }

    /**
     * @param args {@code send DEST PORT FILE} or {@code recv PORT [GROUP INTERFACE]}.
     * @throws IOException when the socket or the file fails.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 4 && "send".equals(args[0]))
        {
            send(new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2])), Path.of(args[3]));
        }
        else if ((args.length == 2 || args.length == 4) && "recv".equals(args[0]))
        {
            System.exit(receive(Integer.parseInt(args[1]), args.length == 4 ? args[2] : null,
                args.length == 4 ? args[3] : null));
        }
        else
        {
            System.err.println("usage: Blaster send DEST PORT FILE | Blaster recv PORT [GROUP INTERFACE]");
            System.exit(2);
        }
    }

    private static void send(final InetSocketAddress to, final Path file) throws IOException
    {
        final UdpOptions options = new UdpOptions(new InetSocketAddress(0), false, SOCKET_BUFFER_BYTES,
            SOCKET_BUFFER_BYTES, null, 1);
        long total = 0;
        try (LinuxUdpTransport transport = new LinuxUdpTransport(options, LinuxOptions.defaults());
             FileChannel in = FileChannel.open(file, StandardOpenOption.READ))
        {
            final int payload = DATAGRAM_BYTES - 1;
            final ByteBuffer chunk = ByteBuffer.allocateDirect(DATAGRAM_BYTES * CHUNK_DATAGRAMS);
            // One view a datagram, made once: the send loop allocates nothing.
            final ByteBuffer[] views = new ByteBuffer[CHUNK_DATAGRAMS];
            for (int d = 0; d < CHUNK_DATAGRAMS; d++)
            {
                views[d] = chunk.slice(d * DATAGRAM_BYTES, DATAGRAM_BYTES);
            }
            while (true)
            {
                // Each datagram is [kind][payload] laid out in place: read the payloads with a one-byte gap.
                chunk.clear();
                int datagrams = 0;
                boolean end = false;
                while (chunk.remaining() >= DATAGRAM_BYTES)
                {
                    final int start = chunk.position();
                    chunk.put(DATA);
                    chunk.limit(start + DATAGRAM_BYTES);
                    final int n = readFully(in, chunk);
                    chunk.limit(chunk.capacity());
                    if (n <= 0)
                    {
                        chunk.position(start);
                        end = true;
                        break;
                    }
                    total += n;
                    datagrams++;
                    if (n < payload)
                    {
                        end = true;
                        break;
                    }
                }
                for (int d = 0; d < datagrams; d++)
                {
                    final int start = d * DATAGRAM_BYTES;
                    final int length = (int)Math.min(DATAGRAM_BYTES, chunk.position() - start);
                    transport.send(views[d].limit(length).position(0), to);
                }
                transport.flush();
                if (end)
                {
                    break;
                }
            }
            final ByteBuffer marker = ByteBuffer.allocateDirect(9);
            for (int i = 0; i < END_REPEATS; i++)
            {
                marker.clear();
                marker.put(END).putLong(total).flip();
                transport.send(marker, to);
                transport.flush();
                LockSupport.parkNanos(END_SPACING_NS);
            }
        }
        System.err.printf("blaster: sent %d bytes%n", total);
    }

    private static int readFully(final FileChannel in, final ByteBuffer into) throws IOException
    {
        int read = 0;
        while (into.hasRemaining())
        {
            final int n = in.read(into);
            if (n < 0)
            {
                return read == 0 ? -1 : read;
            }
            read += n;
        }
        return read;
    }

    private static int receive(final int port, final String group, final String nif) throws IOException
    {
        final UdpOptions options = new UdpOptions(new InetSocketAddress(port), true, SOCKET_BUFFER_BYTES,
            SOCKET_BUFFER_BYTES, null, 1);
        final Counter counter = new Counter();
        try (LinuxUdpTransport transport = new LinuxUdpTransport(options, LinuxOptions.defaults()))
        {
            if (null != group)
            {
                transport.join((Inet4Address)InetAddress.getByName(group), NetworkInterface.getByName(nif));
            }
            long lastHeardNs = System.nanoTime();
            while (counter.expected < 0)
            {
                if (transport.receive(counter, 64) > 0)
                {
                    lastHeardNs = System.nanoTime();
                }
                else if (counter.received > 0 && System.nanoTime() - lastHeardNs > SILENCE_NS)
                {
                    break;
                }
                else
                {
                    transport.awaitReceive(100_000_000L);
                }
            }
        }
        System.err.printf("blaster: received %d of %d bytes%n", counter.received, counter.expected);
        return counter.expected < 0 ? 1 : 0;
    }

    /** Counts payload bytes until the end marker says how many there were. */
    private static final class Counter implements DatagramHandler
    {
        long received;
        long expected = -1;

        @Override
        public void onDatagram(final ByteBuffer buffer, final int offset, final int length,
            final InetSocketAddress from)
        {
            if (length >= 1 && DATA == buffer.get(offset))
            {
                received += length - 1;
            }
            else if (length == 9 && END == buffer.get(offset))
            {
                expected = buffer.getLong(offset + 1);
            }
        }
    }
}
