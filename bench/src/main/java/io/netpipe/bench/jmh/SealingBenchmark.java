package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-datagram cost of a session's sealing, unkeyed (CRC-32) against keyed (AES-256-GCM): {@code seal} is what
 * the sender's reader does to each DATA frame, {@code sealAndVerify} adds what each receiver does to it. A keyed
 * verify decrypts in place, so a frame verifies once: it is sealed again before every verify. Average time per
 * operation in nanoseconds; run with {@code -prof gc} to see the bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SealingBenchmark
{
    /** Datagram size: the default for MTU 1500, and jumbo frames. */
    @Param({"1472", "8972"})
    public int packetSize;

    /** The session's sealing. */
    @Param({"unkeyed", "keyed"})
    public String sealing;

    private final DataFrame data = new DataFrame();
    private FrameSealer sealer;
    private FrameVerifier verifier;
    private ByteBuffer buffer;
    private int frameLength;
    private long sequence;

    /** A DATA frame filling the datagram with random payload, and one sealer and verifier as each thread has. */
    @Setup
    public void setUp()
    {
        final SecureRandom random = new SecureRandom();
        final SessionSealing session;
        if ("keyed".equals(sealing))
        {
            final PreSharedKey key = PreSharedKey.generate(random);
            final KeyedSealing sender = KeyedSealing.newSession(key, random);
            final KeyedSealing awaiting = KeyedSealing.awaitingSession(key, random);
            final ByteBuffer announce = ByteBuffer.allocateDirect(packetSize);
            final FrameSealer announcer = sender.newSealer();
            final DataFrame header = new DataFrame();
            header.wrap(announce).writeHeader(FrameType.ANNOUNCE, 42);
            final int length = announcer.seal(announce, 0, 32);
            awaiting.newVerifier().verify(announce, 0, length);
            session = sender;
            sealer = sender.newSealer();
            verifier = awaiting.joining(announce, 0, length).newVerifier();
        }
        else
        {
            session = SessionSealing.unkeyed();
            sealer = session.newSealer();
            verifier = session.newVerifier();
        }
        frameLength = packetSize - session.trailerLength();
        buffer = ByteBuffer.allocateDirect(packetSize);
        final byte[] payload = new byte[packetSize];
        ThreadLocalRandom.current().nextBytes(payload);
        buffer.put(0, payload);
    }

    /** @return the sealed length: header, sequence and seal of a frame whose payload is in place. */
    @Benchmark
    public int seal()
    {
        buffer.clear();
        data.wrap(buffer).writeHeader(FrameType.DATA, 42);
        data.sequence(sequence++);
        return sealer.seal(buffer, 0, frameLength);
    }

    /** @return the sequence of the frame just sealed and verified (or -1: never, the frame is valid). */
    @Benchmark
    public long sealAndVerify()
    {
        final int length = seal();
        if (verifier.verify(buffer, 0, length) != FrameType.DATA)
        {
            return -1;
        }
        data.wrap(buffer);
        return data.sequence();
    }
}
