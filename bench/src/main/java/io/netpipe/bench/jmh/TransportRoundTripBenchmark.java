package io.netpipe.bench.jmh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.netpipe.transport.DatagramHandler;
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
 * Send and receive loops together on one thread, over loopback: a burst of 64 datagrams of 1400 bytes, flushed,
 * then received until all 64 are back (with GRO, as one coalesced message split in place). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per datagram by both loops, the proof that
 * the steady state allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportRoundTripBenchmark
{
    private static final int BURST = 64;
    private static final int SIZE = 1400;

    @Param({"nio", "mmsg", "gso"})
    public String transport;

    private DatagramTransport sender;
    private DatagramTransport receiver;
    private InetSocketAddress to;
    private ByteBuffer[] frames;
    private long checksum;
    private final DatagramHandler handler = (buffer, offset, length, from) -> checksum += buffer.getInt(offset) + length;

    /** Opens both ends. */
    @Setup(Level.Trial)
    public void open() throws IOException
    {
        sender = TransportBenchSupport.open(transport);
        receiver = TransportBenchSupport.open(transport);
        to = TransportBenchSupport.localAddress(receiver);
        frames = TransportBenchSupport.frames(BURST, SIZE);
    }

    /** Closes both. */
    @TearDown(Level.Trial)
    public void close() throws IOException
    {
        sender.close();
        receiver.close();
    }

    /** @return a checksum of what came back, so nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long roundTrip() throws IOException
    {
        TransportBenchSupport.burst(sender, frames, to);
        int received = 0;
        while (received < BURST)
        {
            final int n = receiver.receive(handler, BURST - received);
            if (0 == n)
            {
                receiver.awaitReceive(1_000_000L);
            }
            received += n;
        }
        return checksum;
    }
}
