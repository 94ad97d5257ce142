package io.netpipe.bench.jmh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.netpipe.transport.DatagramTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sender-only datagrams per second on loopback: a burst of {@value #BURST} datagrams of 1400 bytes to a socket on
 * 127.0.0.1 that never reads (the kernel drops what overflows its buffer, as a slow receiver would), then a flush.
 * {@code nio} pays a system call a datagram, {@code mmsg} one {@code sendmmsg} a burst, {@code gso} one
 * {@code sendmmsg} whose 64 datagrams the kernel carries as a single GSO message. The score is per datagram.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportSendBenchmark
{
    static final int BURST = 64;
    private static final int SIZE = 1400;

    @Param({"nio", "mmsg", "gso"})
    public String transport;

    private DatagramTransport sender;
    private DatagramTransport sink;
    private InetSocketAddress to;
    private ByteBuffer[] frames;

    /** Opens both sockets and fills the frames once. */
    @Setup(Level.Trial)
    public void open() throws IOException
    {
        sender = TransportBenchSupport.open(transport);
        sink = TransportBenchSupport.open("nio");
        to = TransportBenchSupport.localAddress(sink);
        frames = TransportBenchSupport.frames(BURST, SIZE);
    }

    /** Closes both. */
    @TearDown(Level.Trial)
    public void close() throws IOException
    {
        sender.close();
        sink.close();
    }

    /** One burst. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void burst() throws IOException
    {
        TransportBenchSupport.burst(sender, frames, to);
    }
}
