package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole-stream SHA-256 as the sender's reader and the receiver's writer feed it (direct buffers, a frame's
 * payload or a ring slice at a time), with the JVM's SHA-256 intrinsic (SHA-NI on these CPUs) and, in a fork of
 * its own, without it. The ratio of the two is the proof that the intrinsic runs: on a CPU with SHA extensions it is
 * several times faster. Nanoseconds per chunk (chunk / ns x 1000 = MB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DigestBenchmark
{
    /** What one update digests: a DATA frame's payload at MTU 1500, and a ring slice of the receiver's writer. */
    @Param({"1424", "65536"})
    public int chunk;

    private MessageDigest digest;
    private ByteBuffer buffer;

    /** A digest and a direct buffer of random bytes. */
    @Setup
    public void setUp() throws NoSuchAlgorithmException
    {
        digest = MessageDigest.getInstance("SHA-256");
        buffer = ByteBuffer.allocateDirect(chunk);
        final byte[] bytes = new byte[chunk];
        ThreadLocalRandom.current().nextBytes(bytes);
        buffer.put(bytes).flip();
    }

    /** @return the bytes digested, so that the work cannot be optimized away. */
    @Benchmark
    public int intrinsic()
    {
        return update();
    }

    /** The same without the intrinsic: what the digest would cost on a CPU without SHA extensions. */
    @Benchmark
    @Fork(jvmArgsAppend = {"-XX:+UnlockDiagnosticVMOptions", "-XX:-UseSHA256Intrinsics"})
    public int plainJava()
    {
        return update();
    }

    private int update()
    {
        buffer.clear();
        digest.update(buffer);
        return chunk;
    }
}
