package io.netpipe.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netpipe.sender.FramePool;
import org.jctools.queues.MessagePassingQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reader-to-sender hand-off of frames through {@link FramePool}'s two SPSC rings, with two threads as in the
 * sender: the "reader" takes a free frame and offers it as filled; the "sender" takes a filled frame and hands it
 * back as free. The baseline does the same through two {@link ArrayBlockingQueue}s. An operation is one attempt by
 * one side; the secondary result {@code moved} counts the attempts that moved a frame (the hand-off rate) and
 * {@code empty} those that found nothing to take. With 2 cores, both threads share them with everything else.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RingHandOffBenchmark
{
    private static final int FRAMES = 4096;
    private static final int PACKET_SIZE = 1472;

    /** One pool (and one pair of blocking queues) per group: the state both threads share. */
    @State(Scope.Group)
    public static class Rings
    {
        FramePool pool;
        ArrayBlockingQueue<ByteBuffer> free;
        ArrayBlockingQueue<ByteBuffer> filled;

        /** Builds the pool; every frame starts free, as at the sender's start. */
        @Setup
        public void setUp()
        {
            pool = new FramePool(FRAMES, PACKET_SIZE);
            free = new ArrayBlockingQueue<>(FRAMES);
            filled = new ArrayBlockingQueue<>(FRAMES);
            for (int i = 0; i < FRAMES; i++)
            {
                free.add(ByteBuffer.allocate(16));
            }
        }
    }

    /** Per-thread counts of attempts that moved a frame and attempts that found the source ring empty. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Moves
    {
        /** Frames moved. */
        public long moved;
        /** Attempts that found nothing to take. */
        public long empty;

        /** Counters start from zero in every iteration. */
        @Setup(Level.Iteration)
        public void clear()
        {
            moved = 0;
            empty = 0;
        }

        void count(final boolean didMove)
        {
            if (didMove)
            {
                moved++;
            }
            else
            {
                empty++;
            }
        }
    }

    /**
     * @param rings the shared rings.
     * @param moves this thread's counters.
     */
    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public void readerSide(final Rings rings, final Moves moves)
    {
        moves.count(move(rings.pool.free(), rings.pool.filled()));
    }

    /**
     * @param rings the shared rings.
     * @param moves this thread's counters.
     */
    @Benchmark
    @Group("jctools")
    @GroupThreads(1)
    public void senderSide(final Rings rings, final Moves moves)
    {
        moves.count(move(rings.pool.filled(), rings.pool.free()));
    }

    /**
     * @param rings the shared queues.
     * @param moves this thread's counters.
     */
    @Benchmark
    @Group("arrayBlockingQueueBaseline")
    @GroupThreads(1)
    public void readerSideBaseline(final Rings rings, final Moves moves)
    {
        final ByteBuffer b = rings.free.poll();
        moves.count(b != null && rings.filled.offer(b));
    }

    /**
     * @param rings the shared queues.
     * @param moves this thread's counters.
     */
    @Benchmark
    @Group("arrayBlockingQueueBaseline")
    @GroupThreads(1)
    public void senderSideBaseline(final Rings rings, final Moves moves)
    {
        final ByteBuffer b = rings.filled.poll();
        moves.count(b != null && rings.free.offer(b));
    }

    // Each ring holds at most every frame, so the offer after a successful poll cannot fail.
    private static boolean move(final MessagePassingQueue<ByteBuffer> from, final MessagePassingQueue<ByteBuffer> to)
    {
        final ByteBuffer b = from.relaxedPoll();
        return b != null && to.relaxedOffer(b);
    }
}
