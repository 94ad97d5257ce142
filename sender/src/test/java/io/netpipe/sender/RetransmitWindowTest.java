package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RetransmitWindowTest
{
    private static final long HOLDOFF_NS = 8;
    private static final int CAPACITY = 4;

    private final RetransmitWindow window = new RetransmitWindow(CAPACITY);
    private final MessagePassingQueue<ByteBuffer> free = new SpscVarHandleArrayQueue<>(CAPACITY);
    private final List<ByteBuffer> frames = new ArrayList<>();
    private long nowNs = 1000;

    private void add(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final ByteBuffer frame = ByteBuffer.allocate(8).putLong(0, window.next());
            frames.add(frame);
            window.add(frame, nowNs);
        }
    }

    /** Sends everything queued, as the sender agent would, and says which sequences went out. */
    private List<Long> drain()
    {
        final List<Long> sent = new ArrayList<>();
        long seq;
        while ((seq = window.peekRetransmit()) >= 0 && sent.size() < 4 * CAPACITY)
        {
            assertEquals(seq, window.frame(seq).getLong(0), "frame of the wrong sequence");
            sent.add(seq);
            window.retransmitted(nowNs);
        }
        return sent;
    }

    @Test
    void shouldQueueEachRequestedSequenceOnce()
    {
        add(4);
        nowNs += HOLDOFF_NS;

        assertEquals(2, window.request(1, 2, nowNs, HOLDOFF_NS, 100));
        assertEquals(1, window.request(2, 2, nowNs, HOLDOFF_NS, 100));

        assertEquals(List.of(1L, 2L, 3L), drain());
        assertEquals(0, window.queuedCount());
    }

    @Test
    void shouldHoldOffSequenceSentRecently()
    {
        add(4);

        assertEquals(0, window.request(0, 4, nowNs + HOLDOFF_NS - 1, HOLDOFF_NS, 100));
        assertEquals(4, window.request(0, 4, nowNs + HOLDOFF_NS, HOLDOFF_NS, 100));
    }

    @Test
    void shouldHoldOffSequenceJustRetransmitted()
    {
        add(4);
        nowNs += HOLDOFF_NS;
        window.request(2, 1, nowNs, HOLDOFF_NS, 100);
        drain();

        assertEquals(0, window.request(2, 1, nowNs + 1, HOLDOFF_NS, 100));
        assertEquals(1, window.request(2, 1, nowNs + HOLDOFF_NS, HOLDOFF_NS, 100));
    }

    @Test
    void shouldOnlyQueueSequencesItHolds()
    {
        add(4);
        window.releaseUpTo(2, free);
        nowNs += HOLDOFF_NS;

        assertEquals(2, window.request(0, 100, nowNs, HOLDOFF_NS, 100));
        assertEquals(List.of(2L, 3L), drain());
    }

    @Test
    void shouldQueueAtMostMaxCountPerRequest()
    {
        add(4);
        nowNs += HOLDOFF_NS;

        assertEquals(3, window.request(0, 4, nowNs, HOLDOFF_NS, 3));
    }

    @Test
    void shouldSkipQueuedSequencesReleasedMeanwhile()
    {
        add(4);
        nowNs += HOLDOFF_NS;
        window.request(0, 4, nowNs, HOLDOFF_NS, 100);

        window.releaseUpTo(3, free);

        assertEquals(List.of(3L), drain());
    }

    @Test
    void shouldReturnReleasedFramesInOrder()
    {
        add(4);

        assertEquals(3, window.releaseUpTo(3, free));
        assertEquals(3, window.base());
        assertSame(frames.get(0), free.relaxedPoll());
        assertSame(frames.get(1), free.relaxedPoll());
        assertSame(frames.get(2), free.relaxedPoll());
        assertEquals(0, window.releaseUpTo(2, free));
    }

    @Test
    void shouldNotReleasePastWhatWasSent()
    {
        add(2);

        assertEquals(2, window.releaseUpTo(Long.MAX_VALUE, free));
        assertEquals(2, window.base());
    }

    @Test
    void shouldKeepRequestsWhileReleasedEntriesLingerInQueue()
    {
        add(4);
        nowNs += HOLDOFF_NS;
        window.request(3, 1, nowNs, HOLDOFF_NS, 100);
        window.request(0, 3, nowNs, HOLDOFF_NS, 100);
        // Every receiver got 0..2 before they were resent: their queue entries are stale, 3 is still wanted.
        window.releaseUpTo(3, free);
        add(3);
        nowNs += HOLDOFF_NS;
        window.request(4, 3, nowNs, HOLDOFF_NS, 100);
        assertTrue(window.queuedCount() <= CAPACITY, "queue overflowed: " + window.queuedCount());

        final List<Long> sent = drain();
        // Receivers repeat what they still miss in their next STATUS.
        nowNs += HOLDOFF_NS;
        window.request(3, 4, nowNs, HOLDOFF_NS, 100);
        sent.addAll(drain());

        assertEquals(List.of(3L, 4L, 5L, 6L), sent.stream().distinct().sorted().toList(),
            "a requested sequence was never resent");
    }
}
