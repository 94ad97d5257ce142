package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;

class RetransmitPolicyTest
{
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final RetransmitWindow window = new RetransmitWindow(4096);
    private final RetransmitPolicy policy = new RetransmitPolicy(window);
    private final ByteBuffer[] frames = new ByteBuffer[3000];

    private RetransmitPolicyTest()
    {
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = ByteBuffer.allocate(8).putLong(0, i);
            window.add(frames[i], clock.nanoTime());
        }
    }

    private long sendOneRepair()
    {
        final ByteBuffer frame = policy.nextRepair();
        if (null == frame)
        {
            return -1;
        }
        policy.repaired(clock.nanoTime());
        return frame.getLong(0);
    }

    @Test
    void shouldNotRepeatWithinHoldOffOfFirstSend()
    {
        assertEquals(0, policy.onMissing(10, 2, clock.nanoTime()));
        assertNull(policy.nextRepair());
    }

    @Test
    void shouldRepairReportedRangeOldestFirstOnceHoldOffPassed()
    {
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);

        assertEquals(2, policy.onMissing(20, 2, clock.nanoTime()));
        assertEquals(2, policy.onMissing(10, 2, clock.nanoTime()));

        assertEquals(20, sendOneRepair());
        assertEquals(21, sendOneRepair());
        assertEquals(10, sendOneRepair());
        assertEquals(11, sendOneRepair());
        assertEquals(-1, sendOneRepair());
    }

    @Test
    void shouldServeTwoReceiversLosingTheSamePacketWithOneRepair()
    {
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        policy.onMissing(7, 1, clock.nanoTime());
        assertSame(frames[7], policy.nextRepair());
        policy.repaired(clock.nanoTime());

        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS / 2);
        assertEquals(0, policy.onMissing(7, 1, clock.nanoTime()), "asked again within the hold-off");
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS / 2);
        assertEquals(1, policy.onMissing(7, 1, clock.nanoTime()), "the repair itself was lost: send it again");
    }

    @Test
    void shouldCapWhatOneReportQueues()
    {
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);

        assertEquals(RetransmitPolicy.MAX_PER_REPORT, policy.onMissing(0, 3000, clock.nanoTime()));
    }

    @Test
    void shouldCollectQueuedRangesMergedForTheRepairNotice()
    {
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        policy.onMissing(10, 2, clock.nanoTime());
        policy.onMissing(11, 3, clock.nanoTime());
        policy.onMissing(100, 1, clock.nanoTime());

        assertEquals(2, policy.noticeCount());
        assertEquals(10, policy.noticeStart(0));
        assertEquals(4, policy.noticeLength(0));
        assertEquals(100, policy.noticeStart(1));
        assertEquals(1, policy.noticeLength(1));
        policy.noticeSent();
        assertEquals(0, policy.noticeCount());
    }

    @Test
    void shouldNotAnnounceWhatWasNotQueued()
    {
        policy.onMissing(10, 2, clock.nanoTime());

        assertEquals(0, policy.noticeCount());
    }
}
