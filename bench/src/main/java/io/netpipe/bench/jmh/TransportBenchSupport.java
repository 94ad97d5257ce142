package io.netpipe.bench.jmh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.netpipe.transport.DatagramTransport;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.UdpTransport;
import io.netpipe.transport.linux.LinuxOptions;
import io.netpipe.transport.linux.LinuxUdpTransport;

/** Opens the transports the transport benchmarks compare, on 127.0.0.1 with a port the kernel picks. */
final class TransportBenchSupport
{
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    static final int BUFFER_BYTES = 4 << 20;

    private TransportBenchSupport()
    {
    }

    /**
     * @param kind {@code nio} (DatagramChannel, a system call a datagram), {@code mmsg} (Linux, sendmmsg and
     *             recvmmsg without GSO or GRO) or {@code gso} (Linux with UDP GSO and GRO).
     */
    static DatagramTransport open(final String kind) throws IOException
    {
        final UdpOptions options = new UdpOptions(new InetSocketAddress(LOOPBACK, 0), false, BUFFER_BYTES, BUFFER_BYTES,
            null, 1);
        return switch (kind)
        {
            case "nio" -> new UdpTransport(options);
            case "mmsg" -> new LinuxUdpTransport(options, LinuxOptions.defaults().withGso(false).withGro(false));
            case "gso" -> new LinuxUdpTransport(options, LinuxOptions.defaults());
            default -> throw new IllegalArgumentException("unknown transport " + kind);
        };
    }

    static InetSocketAddress localAddress(final DatagramTransport transport) throws IOException
    {
        return transport instanceof LinuxUdpTransport linux ? linux.localAddress() :
            ((UdpTransport)transport).localAddress();
    }

    /**
     * @param count how many.
     * @param size  bytes each.
     * @return direct frames, each numbered in its first four bytes.
     */
    static ByteBuffer[] frames(final int count, final int size)
    {
        final ByteBuffer[] frames = new ByteBuffer[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = ByteBuffer.allocateDirect(size);
            frames[i].putInt(0, i);
        }
        return frames;
    }

    /**
     * Queues every frame and flushes once: one burst, as the sender's duty cycle does.
     *
     * @param sender the transport.
     * @param frames the frames.
     * @param to     where.
     * @throws IOException when the socket fails.
     */
    static void burst(final DatagramTransport sender, final ByteBuffer[] frames, final InetSocketAddress to)
        throws IOException
    {
        for (final ByteBuffer frame : frames)
        {
            sender.send(frame, to);
        }
        sender.flush();
    }
}
