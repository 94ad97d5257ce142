package io.netpipe.receiver;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.SessionGeometry;

/**
 * One session's reassembly: DATA payloads go into the ring the {@link StreamWriter} writes from, a
 * {@link ReceiveWindow} tracks which sequences are held, and the EOF's totals decide when the stream is whole.
 * Owned by the receiver agent's thread; the writer only reads the ring up to what this publishes.
 */
final class ReceiveSession
{
    /** The fewest slots a receiver works with, whatever {@code --buffer} says. */
    static final int MIN_SLOTS = 2 * ParityFrame.BLOCK_PACKETS;

    private final StreamWriter writer;
    private final int payloadCapacity;
    private final int slots;
    private final ReceiveWindow window;
    private final ByteBuffer ring;
    private final int[] slotLength;
    private final byte[] expectedDigest = new byte[EofFrame.DIGEST_LENGTH];
    private final byte[] otherDigest = new byte[EofFrame.DIGEST_LENGTH];
    private final DataFrame data = new DataFrame();
    private final ParityRepair repair;
    private long contiguousBytes;
    private long totalPackets = -1;
    private long totalBytes;
    private boolean endPublished;
    /** When the frame being handled arrived: packets it stores, rebuilt ones included, arrived then. */
    private long arrivalNs;
    private String problem;
    /** The first thing heard that contradicts an accepted EOF: the stream can never be complete. */
    private String contradiction;

    /**
     * @param geometry    the session's sizes.
     * @param bufferBytes the reassembly buffer asked for ({@code --buffer}).
     * @param writer      the writer, handed the new ring.
     */
    ReceiveSession(final SessionGeometry geometry, final long bufferBytes, final StreamWriter writer)
    {
        this.writer = writer;
        this.payloadCapacity = geometry.payloadCapacity();
        this.slots = geometry.slotsFor(bufferBytes, MIN_SLOTS);
        this.window = new ReceiveWindow(slots);
        this.ring = ByteBuffer.allocateDirect(slots * payloadCapacity);
        this.slotLength = new int[slots];
        this.repair = new ParityRepair(this, window, payloadCapacity);
        window.parityCredit(repair::credit);
        writer.ring(ring);
    }

    int slots()
    {
        return slots;
    }

    ReceiveWindow window()
    {
        return window;
    }

    /**
     * @return the first sequence of the block the writer is in: the window starts there, so that the payloads of a
     *         block still incomplete stay in the ring for a parity decode after the writer wrote them out.
     */
    long writerPosition()
    {
        return writer.writtenBytes() / payloadCapacity / ParityFrame.BLOCK_PACKETS * ParityFrame.BLOCK_PACKETS;
    }

    /** @return packets rebuilt from parity. */
    long recovered()
    {
        return repair.recovered();
    }

    /** @return how far this receiver lets the sender go. */
    long windowEnd()
    {
        return window.windowEnd(writerPosition());
    }

    /** @return whether any of the session's data came: a DATA packet or an EOF. */
    boolean dataCame()
    {
        return window.receivedCount() > 0 || hasTotals();
    }

    /** @return whether an EOF was accepted. */
    boolean hasTotals()
    {
        return totalPackets >= 0;
    }

    /**
     * Stores a DATA frame's payload in its slot.
     *
     * @param buffer the buffer holding the frame.
     * @param offset the frame's offset.
     * @param length the frame's length without the trailer.
     * @param nowNs  when it arrived.
     * @return what became of it.
     */
    Arrival onData(final ByteBuffer buffer, final int offset, final int length, final long nowNs)
    {
        arrivalNs = nowNs;
        data.wrap(buffer, offset);
        final int payloadLength = DataFrame.payloadLength(length);
        final long seq = data.sequence();
        if (payloadLength > payloadCapacity || seq < 0)
        {
            return Arrival.INVALID;
        }
        if (totalPackets >= 0 && seq >= totalPackets)
        {
            contradict("DATA " + seq + " arrived beyond the end the sender's EOF gave (" + totalPackets + " packets)");
            return Arrival.INVALID;
        }
        final Arrival arrival = store(seq, buffer, offset + DataFrame.PAYLOAD_OFFSET, payloadLength);
        if (arrival == Arrival.STORED)
        {
            repair.onStored(seq);
        }
        return arrival;
    }

    /** Hands a PARITY frame ({@code frameLength} without trailer, arrived at {@code nowNs}) to the ParityRepair. */
    ParityRepair.Outcome onParity(final ParityFrame parity, final int frameLength, final long nowNs)
    {
        arrivalNs = nowNs;
        return repair.onParity(parity, frameLength, totalPackets, windowEnd());
    }

    /** Copies out the held payload of {@code seq}, of a block not yet complete (for a decode); returns its length. */
    int payload(final long seq, final byte[] out)
    {
        final int slot = (int)(seq % slots);
        ring.get(slot * payloadCapacity, out, 0, slotLength[slot]);
        return slotLength[slot];
    }

    /** Stores the payload of {@code seq} at {@code [offset, offset + payloadLength)}, from DATA or rebuilt. */
    Arrival store(final long seq, final ByteBuffer buffer, final int offset, final int payloadLength)
    {
        final int slot = window.slotFor(seq, writerPosition());
        if (slot == ReceiveWindow.BEYOND_WINDOW)
        {
            return Arrival.BEYOND_WINDOW;
        }
        if (slot < 0)
        {
            return Arrival.DUPLICATE;
        }
        ring.put(slot * payloadCapacity, buffer, offset, payloadLength);
        slotLength[slot] = payloadLength;
        final long before = window.contiguous();
        final long advanced = window.mark(seq, arrivalNs);
        for (long s = before; s < before + advanced; s++)
        {
            contiguousBytes += slotLength[(int)(s % slots)];
        }
        if (advanced > 0)
        {
            writer.publishAvailable(contiguousBytes);
        }
        return Arrival.STORED;
    }

    /**
     * A HEARTBEAT's next sequence is bounded by what the sender could have sent: never beyond the window this
     * receiver offers (its flow control stops there), and, once an EOF was accepted, never beyond its end (that
     * contradicts the EOF: the stream is corrupt).
     *
     * The repairs it announces as queued count as asked for now.
     *
     * @param heartbeat the frame, complete.
     * @param nowNs     now.
     * @return {@link Heard#GAP} when something below it is missing, {@link Heard#INVALID} when it is impossible.
     */
    Heard onHeartbeat(final HeartbeatFrame heartbeat, final long nowNs)
    {
        final long nextSequence = heartbeat.nextSequence();
        if (totalPackets >= 0 && nextSequence > totalPackets)
        {
            contradict("a HEARTBEAT named sequence " + nextSequence + " beyond the end the sender's EOF gave (" +
                totalPackets + " packets)");
            return Heard.INVALID;
        }
        if (nextSequence < 0 || nextSequence > windowEnd())
        {
            return Heard.INVALID;
        }
        if (nextSequence < window.highest())
        {
            return Heard.STALE;
        }
        window.sentUpTo(nextSequence);
        for (int i = 0; i < heartbeat.rangeCount(); i++)
        {
            window.repairNoticed(heartbeat.rangeStart(i), Integer.toUnsignedLong(heartbeat.rangeLength(i)), nowNs);
        }
        return window.contiguous() < window.highest() ? Heard.GAP : Heard.NOTHING;
    }

    /**
     * Takes the totals of the first acceptable EOF; a later EOF must repeat them exactly, or the stream is corrupt.
     *
     * @param eof the frame.
     * @return false when its totals are impossible: fewer packets than already seen, more than the window this
     *         receiver offered could have let the sender send, more bytes than those packets hold, negative counts.
     */
    boolean onEof(final EofFrame eof)
    {
        final long packets = eof.packetCount();
        final long bytes = eof.byteCount();
        if (packets < window.highest() || packets < 0 || packets > windowEnd() || bytes < 0 ||
            bytes > packets * payloadCapacity)
        {
            return false;
        }
        if (totalPackets >= 0)
        {
            eof.getDigest(otherDigest);
            if (packets != totalPackets || bytes != totalBytes || !Arrays.equals(otherDigest, expectedDigest))
            {
                contradict("two EOFs disagree: " + totalPackets + " packets, " + totalBytes + " bytes, then " +
                    packets + " packets, " + bytes + " bytes" + (Arrays.equals(otherDigest, expectedDigest) ? "" :
                    ", and another SHA-256"));
            }
            return true;
        }
        totalPackets = packets;
        totalBytes = eof.byteCount();
        eof.getDigest(expectedDigest);
        window.sentUpTo(totalPackets);
        return true;
    }

    /**
     * Hands the end to the writer once the whole stream is held, and takes its verdict once it wrote everything.
     *
     * @return where the end stands.
     */
    SessionEnd checkEnd()
    {
        if (null != writer.failure())
        {
            problem = "writing the output failed: " + writer.failure().getMessage();
            return SessionEnd.OUTPUT_FAILED;
        }
        if (null != contradiction)
        {
            problem = "the stream is corrupt: " + contradiction;
            return SessionEnd.CORRUPT;
        }
        if (totalPackets >= 0 && !endPublished && window.contiguous() == totalPackets)
        {
            endPublished = true;
            if (contiguousBytes != totalBytes)
            {
                problem = "the stream has " + contiguousBytes + " bytes but the sender sent " + totalBytes;
                return SessionEnd.CORRUPT;
            }
            writer.publishEnd(totalBytes, expectedDigest);
        }
        final Boolean matched = writer.digestMatched();
        if (null == matched)
        {
            return SessionEnd.PENDING;
        }
        if (!matched)
        {
            problem = "the SHA-256 of the stream does not match the sender's";
        }
        return matched ? SessionEnd.VERIFIED : SessionEnd.CORRUPT;
    }

    private void contradict(final String what)
    {
        if (null == contradiction)
        {
            contradiction = what;
        }
    }

    /** @return whether something contradicted the accepted EOF: the stream is corrupt. */
    boolean isContradicted()
    {
        return null != contradiction;
    }

    /** @return what went wrong, after {@link End#OUTPUT_FAILED} or {@link SessionEnd#CORRUPT}. */
    String problem()
    {
        return problem;
    }
}
