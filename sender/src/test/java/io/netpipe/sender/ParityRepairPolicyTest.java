package io.netpipe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.fec.CauchyCode;

/** The repair policy with parity on: needs per block, the maximum of a round, fresh indexes, the fallbacks. */
class ParityRepairPolicyTest
{
    private static final int K = 128;

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final RetransmitWindow window = new RetransmitWindow(4096);
    private final ParityDemand demand = new ParityDemand(4096, true);
    private final RetransmitPolicy policy = new RetransmitPolicy(window, demand);

    private ParityRepairPolicyTest()
    {
        sent(window, 3 * K + 10);
    }

    /** Sends {@code packets} frames into {@code into}, then lets the repair hold-off pass. */
    private void sent(final RetransmitWindow into, final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            into.add(ByteBuffer.allocate(8).putLong(0, i), clock.nanoTime());
        }
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
    }

    private void report(final long start, final int length)
    {
        policy.onReportedMissing(start, length, clock.nanoTime());
        policy.reportEnd(clock.nanoTime());
    }

    /** @return the queued parity packets as "block:index", in order, taken off the queue. */
    private String drain()
    {
        return drain(demand);
    }

    /** @return the parity packets queued in {@code from} as "block:index", in order, taken off the queue. */
    private static String drain(final ParityDemand from)
    {
        final StringBuilder out = new StringBuilder();
        while (from.hasQueued())
        {
            out.append(out.isEmpty() ? "" : " ").append(from.peekBlock()).append(':').append(from.peekIndex());
            from.poll();
        }
        return out.toString();
    }

    @Test
    void shouldSendOneParityPacketForTwoReceiversLosingDifferentPacketsOfOneBlock()
    {
        report(5, 1);
        report(77, 1);

        assertEquals("0:0", drain());
        assertEquals(0, window.queuedCount(), "nothing retransmitted");
    }

    @Test
    void shouldSendTheLargestNeedOfARoundNotTheSum()
    {
        report(5, 1);
        report(10, 3);
        report(90, 2);

        assertEquals("0:0 0:1 0:2", drain());
    }

    @Test
    void shouldRetransmitWhileFewReceiversDoTheLosing()
    {
        demand.lossSpread(3.5);
        report(5, 2);

        assertEquals("", drain(), "no parity: it would save too little");
        assertEquals(2, window.queuedCount(), "both retransmitted");

        demand.lossSpread(12.0);
        report(90, 1);

        assertEquals("0:0", drain(), "parity again once losses are shared");
        assertEquals(2, window.queuedCount());
    }

    @Test
    void shouldSendParityWheneverItCanServeWhenAskedForAlways()
    {
        final RetransmitWindow always = new RetransmitWindow(4096);
        final ParityDemand on = new ParityDemand(4096, false);
        final RetransmitPolicy forced = new RetransmitPolicy(always, on);
        sent(always, 2 * K);
        on.lossSpread(1.0);
        forced.onReportedMissing(5, 2, clock.nanoTime());
        forced.reportEnd(clock.nanoTime());

        assertEquals(0, always.queuedCount(), "nothing retransmitted");
        assertTrue(on.hasQueued(), "parity queued");
    }

    @Test
    void shouldServeByParityAReportWithLossesInAHundredBlocks()
    {
        // A receiver of 64 at 1% loss reports every 12,800 packets: 100 blocks, about 72 with a loss each.
        final RetransmitWindow wide = new RetransmitWindow(16384);
        final ParityDemand on = new ParityDemand(16384, false);
        final RetransmitPolicy policy = new RetransmitPolicy(wide, on);
        sent(wide, 100 * K);
        on.lossSpread(1.0);
        for (int block = 0; block < 100; block++)
        {
            policy.onReportedMissing(block * K + 7, 1, clock.nanoTime());
        }
        policy.reportEnd(clock.nanoTime());

        assertEquals(0, wide.queuedCount(), "nothing retransmitted");
        assertEquals(IntStream.range(0, 100).mapToObj(block -> block + ":0").collect(Collectors.joining(" ")),
            drain(on), "one parity packet a block");
    }

    @Test
    void shouldKeepParityBeforeAnyLossIsLearned()
    {
        demand.lossSpread(Double.NaN);
        report(5, 1);

        assertEquals("0:0", drain());
    }

    @Test
    void shouldUseFreshIndexesInTheNextRound()
    {
        report(5, 1);
        assertEquals("0:0", drain());
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        report(5, 1);

        assertEquals("0:1", drain());
    }

    @Test
    void shouldQueueNothingMoreForAnAskRepeatedWhileItsParityWaitsToBeSent()
    {
        report(5, 2);
        policy.noticeSent();
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        report(5, 2);

        assertEquals(1, policy.noticeCount(), "the block is announced again: its parity is on its way");
        assertEquals(0, policy.noticeStart(0));
        assertEquals("0:0 0:1", drain(), "the same two packets serve the ask repeated");
    }

    @Test
    void shouldQueueOnlyWhatARepeatedAskNeedsBeyondTheParityWaiting()
    {
        report(5, 1);
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        report(5, 3);

        assertEquals("0:0 0:1 0:2", drain());
    }

    @Test
    void shouldQueueParityAgainForAnAskRepeatedAfterItWasSent()
    {
        report(5, 2);
        assertEquals("0:0 0:1", drain());
        policy.noticeSent();
        clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        report(5, 2);

        assertEquals("0:2 0:3", drain(), "sent and lost: fresh packets");
        assertEquals(1, policy.noticeCount());
    }

    @Test
    void shouldCountNeedsPerBlockAcrossRangesOfOneReport()
    {
        policy.onReportedMissing(3, 1, clock.nanoTime());
        policy.onReportedMissing(K - 1, 2, clock.nanoTime());
        policy.reportEnd(clock.nanoTime());

        assertEquals("0:0 0:1 1:0", drain());
    }

    @Test
    void shouldNoticeTheWholeBlockSoOtherReceiversWaitForTheParity()
    {
        report(K + 7, 1);

        assertEquals(1, policy.noticeCount());
        assertEquals(K, policy.noticeStart(0));
        assertEquals(K, policy.noticeLength(0));
    }

    @Test
    void shouldRetransmitWhatABlockNotYetCompletelySentMisses()
    {
        report(3 * K + 2, 1);

        assertEquals("", drain());
        assertEquals(1, window.queuedCount());
    }

    @Test
    void shouldEncodeTheLastShortBlockOnceTheStreamEnds()
    {
        policy.streamEnds(3 * K + 10);
        report(3 * K + 2, 1);

        assertEquals("3:0", drain());
        assertEquals(10, policy.encodableCount(3));
    }

    @Test
    void shouldRetransmitWhenABlockNeedsMoreThanOneDecodeRecovers()
    {
        report(0, CauchyCode.MAX_ERASURES + 1);

        assertEquals("", drain());
        assertEquals(CauchyCode.MAX_ERASURES + 1, window.queuedCount());
    }

    @Test
    void shouldFallBackToRetransmissionOnceABlocksIndexesAreUsedUp()
    {
        int sent = 0;
        for (int round = 0; round < CauchyCode.MAX_PARITY / 8; round++)
        {
            report(0, 8);
            sent += drain().split(" ").length;
            clock.advanceNs(RetransmitPolicy.HOLDOFF_NS);
        }
        assertEquals(CauchyCode.MAX_PARITY, sent);

        report(0, 1);
        assertEquals("", drain());
        assertEquals(1, window.queuedCount());
    }

    @Test
    void shouldNotEncodeABlockPartlyReleased()
    {
        assertTrue(policy.encodableCount(1) > 0);
        window.releaseUpTo(K + 1, new org.jctools.queues.varhandle.SpscVarHandleArrayQueue<>(4096));

        assertEquals(0, policy.encodableCount(1));
        assertFalse(policy.encodableCount(2) == 0);
    }

    @Test
    void shouldQueueParityUnaskedForACompletedBlock()
    {
        policy.proactive(1, 2, clock.nanoTime());
        report(K + 3, 1);

        assertEquals("1:0 1:1", drain(), "the report within the round asks for no more than is on its way");
    }
}
