package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netpipe.protocol.StatusFrame;

import org.junit.jupiter.api.Test;

class ReceiveWindowTest
{
    private static final int CAPACITY = 16;

    private final ReceiveWindow window = new ReceiveWindow(CAPACITY);
    private final StatusFrame status = new StatusFrame();
    private long writerPosition;

    private ReceiveWindowTest()
    {
        status.wrap(ByteBuffer.allocate(StatusFrame.MAX_LENGTH));
        status.write(0, 0, 0, 0, 0, 0, 0);
    }

    private long receive(final long sequence)
    {
        final int slot = window.slotFor(sequence, writerPosition);
        assertTrue(slot >= 0, () -> "sequence " + sequence + " got " + slot);
        assertEquals((int)(sequence % CAPACITY), slot);
        return window.mark(sequence, 0);
    }

    private List<String> missing(final int maxRanges, final long limit)
    {
        status.write(0, 0, 0, 0, 0, 0, 0);
        final int count = window.writeMissing(status, maxRanges, limit);
        final List<String> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            ranges.add(status.rangeStart(i) + "+" + status.rangeLength(i));
        }
        assertEquals(count, status.rangeCount());
        return ranges;
    }

    @Test
    void shouldAdvanceContiguousInOrder()
    {
        assertEquals(1, receive(0));
        assertEquals(1, receive(1));
        assertEquals(1, receive(2));

        assertEquals(3, window.contiguous());
        assertEquals(3, window.highest());
        assertEquals(0, window.lostCount());
        assertEquals(3, window.receivedCount());
    }

    @Test
    void shouldHoldOutOfOrderSequencesUntilGapFills()
    {
        receive(0);
        assertEquals(0, receive(2));
        assertEquals(0, receive(3));

        assertEquals(1, window.contiguous());
        assertEquals(4, window.highest());
        assertTrue(window.isHeld(3));
        assertFalse(window.isHeld(1));

        assertEquals(3, receive(1));
        assertEquals(4, window.contiguous());
    }

    @Test
    void shouldReportDuplicateOfSequenceBehindContiguous()
    {
        receive(0);
        receive(1);

        assertEquals(ReceiveWindow.DUPLICATE, window.slotFor(0, writerPosition));
        assertEquals(ReceiveWindow.DUPLICATE, window.slotFor(1, writerPosition));
    }

    @Test
    void shouldReportDuplicateOfSequenceHeldOutOfOrder()
    {
        receive(0);
        receive(5);

        assertEquals(ReceiveWindow.DUPLICATE, window.slotFor(5, writerPosition));
        assertEquals(2, window.receivedCount());
    }

    @Test
    void shouldRejectSequenceBeyondWindow()
    {
        assertEquals(ReceiveWindow.BEYOND_WINDOW, window.slotFor(CAPACITY, 0));
        assertEquals(ReceiveWindow.BEYOND_WINDOW, window.slotFor(Long.MAX_VALUE, 0));
        assertTrue(window.slotFor(-1, 0) < 0, "negative sequence must not get a slot");
        assertEquals(CAPACITY - 1, window.slotFor(CAPACITY - 1, 0));
    }

    @Test
    void shouldMoveWindowEndWithWriterPosition()
    {
        assertEquals(CAPACITY, window.windowEnd(0));
        for (long seq = 0; seq < CAPACITY; seq++)
        {
            receive(seq);
        }
        writerPosition = 5;

        assertEquals(5 + CAPACITY, window.windowEnd(writerPosition));
        assertEquals(0, window.slotFor(CAPACITY, writerPosition));
        assertEquals(ReceiveWindow.BEYOND_WINDOW, window.slotFor(5 + CAPACITY, writerPosition));
    }

    @Test
    void shouldReuseSlotsOnceWriterMovesOn()
    {
        for (long seq = 0; seq < 3 * CAPACITY; seq++)
        {
            writerPosition = Math.max(0, seq - CAPACITY + 1);
            receive(seq);
        }

        assertEquals(3 * CAPACITY, window.contiguous());
        assertEquals(0, window.lostCount());
        assertEquals(ReceiveWindow.DUPLICATE, window.slotFor(2 * CAPACITY, writerPosition));
    }

    @Test
    void shouldWriteExactMissingRanges()
    {
        for (final long seq : new long[] {0, 1, 4, 5, 9, 12})
        {
            receive(seq);
        }

        assertEquals(List.of("2+2", "6+3", "10+2"), missing(StatusFrame.MAX_RANGES, window.highest()));
    }

    @Test
    void shouldSplitAGapLongerThanOneRangeNames()
    {
        final ReceiveWindow wide = new ReceiveWindow(1 << 17);
        wide.slotFor(0, 0);
        wide.mark(0, 0);
        wide.slotFor(70_000, 0);
        wide.mark(70_000, 0);
        status.write(0, 0, 0, wide.contiguous(), 0, 0, 0);

        assertEquals(2, wide.writeMissing(status, StatusFrame.MAX_RANGES, wide.highest()));
        assertEquals(List.of(1L, (long)StatusFrame.MAX_RANGE_PACKETS, 1L + StatusFrame.MAX_RANGE_PACKETS, 4_464L),
            List.of(status.rangeStart(0), (long)status.rangeLength(0), status.rangeStart(1),
                (long)status.rangeLength(1)));
    }

    @Test
    void shouldWriteNoRangesWhenNothingIsMissing()
    {
        receive(0);
        receive(1);

        assertEquals(List.of(), missing(StatusFrame.MAX_RANGES, window.highest()));
    }

    @Test
    void shouldStopAtMaxRanges()
    {
        for (long seq = 0; seq < CAPACITY; seq += 2)
        {
            receive(seq);
        }

        assertEquals(List.of("1+1", "3+1", "5+1"), missing(3, window.highest()));
    }

    @Test
    void shouldStopAtLimit()
    {
        for (final long seq : new long[] {0, 4, 9})
        {
            receive(seq);
        }

        assertEquals(List.of("1+3", "5+2"), missing(StatusFrame.MAX_RANGES, 7));
    }

    @Test
    void shouldCountLostTailOnceSentUpToIsKnown()
    {
        receive(0);
        receive(1);
        receive(2);

        window.sentUpTo(6);

        assertEquals(6, window.highest());
        assertEquals(List.of("3+3"), missing(StatusFrame.MAX_RANGES, window.highest()));
        assertEquals(3, window.lostCount());
    }

    @Test
    void shouldIgnoreSentUpToBehindHighest()
    {
        receive(0);
        receive(4);

        window.sentUpTo(2);

        assertEquals(5, window.highest());
        assertEquals(List.of("1+3"), missing(StatusFrame.MAX_RANGES, window.highest()));
    }

    @Test
    void shouldNotCountGapFilledBeforeReportAsLost()
    {
        receive(0);
        receive(3);
        receive(1);
        receive(2);
        window.sentUpTo(4);
        missing(StatusFrame.MAX_RANGES, window.highest());

        assertEquals(0, window.lostCount());
        assertEquals(4, window.receivedCount());
        assertEquals(4, window.contiguous());
    }

    @Test
    void shouldCountLostTailOnlyOnceWhenItsDataArrivesAfterHeartbeat()
    {
        receive(0);
        window.sentUpTo(3);
        missing(StatusFrame.MAX_RANGES, window.highest());
        receive(1);
        receive(2);
        receive(3);
        missing(StatusFrame.MAX_RANGES, window.highest());

        assertEquals(2, window.lostCount());
        assertEquals(4, window.contiguous());
        assertEquals(4, window.highest());
    }

    @Test
    void shouldCountMissingSequenceOnceAcrossReports()
    {
        receive(0);
        receive(3);
        missing(StatusFrame.MAX_RANGES, window.highest());
        missing(StatusFrame.MAX_RANGES, window.highest());
        receive(5);
        missing(StatusFrame.MAX_RANGES, window.highest());

        assertEquals(3, window.lostCount());
    }

    /**
     * The STATUS counts: lost and received over the same sequences, those the listing has looked at, so that the
     * sender's loss fraction between two reports is that of the sequences judged in between. Counting every packet
     * as it arrived, one receiver with 5% loss read 9-11% between reports whose listing waited a back-off.
     */
    @Test
    void shouldCountReceivedOnlyAmongTheSequencesTheListingJudged()
    {
        for (long seq = 0; seq < 10; seq++)
        {
            if (seq != 3 && seq != 7)
            {
                receive(seq);
            }
        }
        assertEquals(3, window.judgedReceived(), "0-2 held; nothing listed yet");

        missing(StatusFrame.MAX_RANGES, 5);

        assertEquals(1, window.lostCount());
        assertEquals(4, window.judgedReceived(), "0-4 judged: 3 lost, 4 received");
        receive(3);
        assertEquals(6, window.judgedReceived(), "the repair of 3 took the position to 7: 0-6 judged, 3 lost once");
        assertEquals(9, window.receivedCount(), "every new packet held, the repair too: the local count");
        missing(StatusFrame.MAX_RANGES, window.highest());
        assertEquals(2, window.lostCount());
        assertEquals(8, window.judgedReceived(), "0-9 judged: 3 and 7 lost");
        assertEquals(window.highest(), window.lostCount() + window.judgedReceived());
    }
}
