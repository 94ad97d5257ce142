package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.FrameType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One DATA frame through the codec, as the reader and the receiver do it: encode = header, sequence and CRC-32 seal
 * of a frame whose payload is already in place (the reader reads straight into it); decode = verify (magic, version,
 * type, CRC) and read the sequence. The baseline is {@link CRC32} alone over the same bytes: the gap to it is the
 * codec's own cost. Throughput is in frames per microsecond; times {@code packetSize} it gives bytes per second
 * ({@code bench/jmh.sh} prints GB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameCodecBenchmark
{
    /** Datagram size: netpipe's default for MTU 1500, and jumbo frames. */
    @Param({"1472", "8972"})
    public int packetSize;

    private final CRC32 crc = new CRC32();
    private final FrameSealer sealer = SessionSealing.unkeyed().newSealer();
    private final FrameVerifier verifier = SessionSealing.unkeyed().newVerifier();
    private final DataFrame data = new DataFrame();
    private ByteBuffer encodeBuffer;
    private ByteBuffer decodeBuffer;
    private long sequence;

    /** Fills both frames with random payload; the decode frame is sealed once, as it would arrive. */
    @Setup
    public void setUp()
    {
        encodeBuffer = frame(packetSize);
        decodeBuffer = frame(packetSize);
        data.wrap(decodeBuffer).writeHeader(FrameType.DATA, 42);
        data.sequence(123_456_789L);
        sealer.seal(decodeBuffer, 0, packetSize);
    }

    private static ByteBuffer frame(final int size)
    {
        final ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.BIG_ENDIAN);
        final byte[] random = new byte[size];
        ThreadLocalRandom.current().nextBytes(random);
        b.put(0, random);
        return b;
    }

    /** @return the CRC of one datagram's bytes, nothing else: the floor for both codec paths. */
    @Benchmark
    public long crc32Baseline()
    {
        crc.reset();
        encodeBuffer.limit(packetSize).position(0);
        crc.update(encodeBuffer);
        return crc.getValue();
    }

    /** @return the sealed frame's CRC field: header, sequence, seal. */
    @Benchmark
    public int encodeAndSeal()
    {
        data.wrap(encodeBuffer).writeHeader(FrameType.DATA, 42);
        data.sequence(sequence++);
        sealer.seal(encodeBuffer, 0, packetSize);
        return data.crc();
    }

    /** @return the sequence of a verified frame (or -1: never, the frame is valid). */
    @Benchmark
    public long decodeAndVerify()
    {
        final FrameType type = verifier.verify(decodeBuffer, 0, packetSize);
        if (type != FrameType.DATA)
        {
            return -1;
        }
        data.wrap(decodeBuffer);
        return data.sequence();
    }
}
