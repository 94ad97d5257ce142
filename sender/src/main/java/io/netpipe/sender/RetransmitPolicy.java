package io.netpipe.sender;

import java.nio.ByteBuffer;

import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.StatusFrame;

/**
 * The repair policy, in front of the {@link RetransmitWindow}: which of the sequences receivers report missing
 * are sent again, and when. One broadcast repair serves every receiver that lost the packet, so a sequence is not
 * repeated within {@link #HOLDOFF_NS} of its last send (another receiver asked too, or the repair is on its way),
 * one report queues at most {@link #MAX_PER_REPORT}, and repairs go out oldest first, before new data. The ranges
 * queued since the last repair notice are collected here (merged, at most {@link HeartbeatFrame#MAX_RANGES}) for the
 * {@link Transmitter} to announce in a HEARTBEAT, so that other receivers missing them do not ask too.
 *
 * <p>With parity repairs on (and paying: {@link ParityDemand#pays()}), a report's missing sequences become a need
 * per block: a receiver holding parity packets of a block lists only as many of its missing sequences as it still
 * needs, so the count it lists is the number of new parity packets it needs ({@link ParityDemand} turns the
 * reports of a round into their maximum). The notice then names the whole block, so that other receivers missing
 * packets of it wait for the parity. A block not yet completely sent, already partly released, or out of parity
 * indexes is repaired by retransmission.
 */
final class RetransmitPolicy
{
    /** Shortest time between two sends of one sequence. */
    static final long HOLDOFF_NS = 8_000_000L;
    /** Most sequences one STATUS may queue: a report of a huge loss cannot monopolise the sender. */
    static final int MAX_PER_REPORT = 1024;

    private final RetransmitWindow window;
    private final long[] noticeStart = new long[HeartbeatFrame.MAX_RANGES];
    private final int[] noticeLength = new int[HeartbeatFrame.MAX_RANGES];
    private int noticeCount;
    private long noticesSent;
    private final ParityDemand parity;
    private final long[] reportBlock = new long[MAX_REPORT_BLOCKS];
    private final int[] reportNeed = new int[MAX_REPORT_BLOCKS];
    private int reportBlocks;
    private long highestReportBlock = -1;
    private long streamPackets = Long.MAX_VALUE;

    /**
     * Most blocks one report's needs are collected for; more go to retransmission. A STATUS lists up to
     * {@link StatusFrame#MAX_RANGES} ranges, and at 1% loss a report 12,800 packets (100 blocks) apart finds losses in
     * about 72 of them: the collection must not be what turns parity into retransmissions.
     */
    static final int MAX_REPORT_BLOCKS = StatusFrame.MAX_RANGES;
    private static final int K = ParityFrame.BLOCK_PACKETS;

    /** @param window the frames sent and not yet released. */
    RetransmitPolicy(final RetransmitWindow window)
    {
        this(window, null);
    }

    /**
     * @param window the frames sent and not yet released.
     * @param parity the parity demand, {@code null} for retransmission only.
     */
    RetransmitPolicy(final RetransmitWindow window, final ParityDemand parity)
    {
        this.window = window;
        this.parity = parity;
    }

    /**
     * The stream's length became known: its last block is complete at that count.
     *
     * @param packets the stream's packet count.
     */
    void streamEnds(final long packets)
    {
        streamPackets = packets;
    }

    /**
     * @param block a block.
     * @return its packet count, or 0 when it cannot be encoded now (not completely sent, or partly released).
     */
    int encodableCount(final long block)
    {
        final long first = block * K;
        final long end = Math.min(first + K, streamPackets);
        return first >= window.base() && end <= window.next() && end > first ? (int)(end - first) : 0;
    }

    /**
     * Takes the missing ranges of one report, as {@link #onMissing} does, but turns them into parity where it can;
     * call {@link #reportEnd} after the report's last range.
     *
     * @param start  its first sequence.
     * @param length its length.
     * @param nowNs  now.
     * @return sequences queued for retransmission (parity is queued at {@link #reportEnd}).
     */
    int onReportedMissing(final long start, final long length, final long nowNs)
    {
        if (null == parity || !parity.pays())
        {
            return onMissing(start, length, nowNs);
        }
        int queued = 0;
        long seq = Math.max(start, window.base());
        final long end = Math.min(start + length, window.next());
        while (seq < end)
        {
            final long block = seq / K;
            final long partEnd = Math.min(end, block * K + K);
            final int part = (int)(partEnd - seq);
            if (!addNeed(block, part))
            {
                queued += onMissing(seq, part, nowNs);
            }
            seq = partEnd;
        }
        return queued;
    }

    private boolean addNeed(final long block, final int part)
    {
        if (encodableCount(block) == 0)
        {
            return false;
        }
        // A receiver lists its ranges in order, so a block past the highest collected is new: no search.
        for (int i = block > highestReportBlock ? reportBlocks : 0; i < reportBlocks; i++)
        {
            if (reportBlock[i] == block)
            {
                if (!parity.canServe(block, reportNeed[i] + part))
                {
                    return false;
                }
                reportNeed[i] += part;
                return true;
            }
        }
        if (reportBlocks == MAX_REPORT_BLOCKS || !parity.canServe(block, part))
        {
            return false;
        }
        reportBlock[reportBlocks] = block;
        reportNeed[reportBlocks] = part;
        reportBlocks++;
        highestReportBlock = Math.max(highestReportBlock, block);
        return true;
    }

    /**
     * The report's ranges are all in: queues the parity its needs add to this round's.
     *
     * @param nowNs now.
     * @return parity packets queued.
     */
    int reportEnd(final long nowNs)
    {
        int queued = 0;
        for (int i = 0; i < reportBlocks; i++)
        {
            final int added = parity.demand(reportBlock[i], reportNeed[i], nowNs, HOLDOFF_NS);
            // Parity asked for again that still waits in the queue is announced again: the askers wait on.
            if (added > 0 || parity.queued(reportBlock[i]))
            {
                final long first = reportBlock[i] * K;
                notice(first, encodableCount(reportBlock[i]));
                queued += added;
            }
        }
        reportBlocks = 0;
        highestReportBlock = -1;
        return queued;
    }

    /**
     * Queues parity sent unasked for a block just completed ({@code send --fec R}).
     *
     * @param block the block.
     * @param count parity packets.
     * @param nowNs now.
     */
    void proactive(final long block, final int count, final long nowNs)
    {
        if (null != parity && count > 0 && encodableCount(block) > 0 && parity.canServe(block, count))
        {
            parity.demand(block, count, nowNs, 0);
        }
    }

    /** @return the parity demand, {@code null} when repairs are retransmissions only. */
    ParityDemand parity()
    {
        return parity;
    }

    /**
     * Takes one missing range a receiver reported.
     *
     * @param start  its first sequence.
     * @param length its length.
     * @param nowNs  now.
     * @return sequences queued for repair.
     */
    int onMissing(final long start, final long length, final long nowNs)
    {
        final int queued = window.request(start, length, nowNs, HOLDOFF_NS, MAX_PER_REPORT);
        if (queued > 0)
        {
            // The whole range is announced: what was not queued now was sent within the hold-off and is on its way.
            final long from = Math.max(start, window.base());
            final long to = Math.min(start + length, window.next());
            if (to > from)
            {
                notice(from, (int)Math.min(to - from, Integer.MAX_VALUE));
            }
        }
        return queued;
    }

    private void notice(final long start, final int length)
    {
        for (int i = 0; i < noticeCount; i++)
        {
            final long end = noticeStart[i] + noticeLength[i];
            if (start <= end && start + length >= noticeStart[i])
            {
                final long from = Math.min(start, noticeStart[i]);
                noticeLength[i] = (int)Math.min(Math.max(end, start + length) - from, Integer.MAX_VALUE);
                noticeStart[i] = from;
                return;
            }
        }
        if (noticeCount < noticeStart.length)
        {
            noticeStart[noticeCount] = start;
            noticeLength[noticeCount] = length;
            noticeCount++;
        }
    }

    /** @return repair ranges queued since the last notice (a notice is an optimisation: a full list drops more). */
    int noticeCount()
    {
        return noticeCount;
    }

    /**
     * @param index below {@link #noticeCount()}.
     * @return the first sequence of that range.
     */
    long noticeStart(final int index)
    {
        return noticeStart[index];
    }

    /**
     * @param index below {@link #noticeCount()}.
     * @return the length of that range.
     */
    int noticeLength(final int index)
    {
        return noticeLength[index];
    }

    /** The ranges were announced. */
    void noticeSent()
    {
        noticeCount = 0;
        noticesSent++;
    }

    /** @return repair notices sent. */
    long noticesSent()
    {
        return noticesSent;
    }

    /** @return the next frame to send again, or {@code null} when none is due. */
    ByteBuffer nextRepair()
    {
        final long seq = window.peekRetransmit();
        return seq < 0 ? null : window.frame(seq);
    }

    /**
     * Takes the frame {@link #nextRepair()} returned after it was sent.
     *
     * @param nowNs when.
     */
    void repaired(final long nowNs)
    {
        window.retransmitted(nowNs);
    }
}
