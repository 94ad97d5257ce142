package io.netpipe.protocol;

import java.nio.ByteBuffer;

/**
 * Reads every field of a verified frame the way a careful agent would: {@code isComplete} first, then every
 * accessor, variable parts up to the counts the frame declares. Used by the fuzz targets: nothing here may throw
 * for any frame that passed its verifier.
 */
final class EveryField
{
    private final AnnounceFrame announce = new AnnounceFrame();
    private final DataFrame data = new DataFrame();
    private final HeartbeatFrame heartbeat = new HeartbeatFrame();
    private final EofFrame eof = new EofFrame();
    private final ByeFrame bye = new ByeFrame();
    private final JoinFrame join = new JoinFrame();
    private final StatusFrame status = new StatusFrame();
    private final ParityFrame parity = new ParityFrame();
    private final byte[] digest = new byte[EofFrame.DIGEST_LENGTH];

    /**
     * @param type        what the verifier said.
     * @param buffer      the buffer.
     * @param offset      the frame's first byte.
     * @param frameLength the frame's length without the trailer.
     * @return a value depending on every field read, so that nothing is optimised away.
     */
    long read(final FrameType type, final ByteBuffer buffer, final int offset, final int frameLength)
    {
        final FrameHeader frame = switch (type)
        {
            case ANNOUNCE -> announce;
            case DATA -> data;
            case HEARTBEAT -> heartbeat;
            case EOF -> eof;
            case BYE -> bye;
            case JOIN -> join;
            case STATUS -> status;
            case PARITY -> parity;
        };
        frame.wrap(buffer, offset);
        long sum = frame.magic() + frame.version() + frame.typeCode() + frame.sessionId() + frame.crc();
        if (!frame.isComplete(frameLength))
        {
            return sum;
        }
        sum += switch (type)
        {
            case ANNOUNCE -> readAnnounce();
            case DATA -> data.sequence() + DataFrame.payloadLength(frameLength) +
                buffer.get(offset + frameLength - 1);
            case HEARTBEAT -> heartbeat.nextSequence();
            case EOF -> readEof();
            case BYE -> bye.reason() + bye.receiverId() + bye.tokenFor(bye.receiverId()) + bye.tokenFor(0) +
                bye.text().length();
            case JOIN -> join.nonce() + join.secret() + join.window() + join.name().length();
            case STATUS -> readStatus(frameLength);
            case PARITY -> parity.blockLow32() + parity.index() + parity.count() + parity.lastLength() +
                (parity.isValid(frameLength, frameLength - ParityFrame.PARITY_OFFSET) ? 1 : 0);
        };
        return sum;
    }

    private long readAnnounce()
    {
        long sum = announce.phaseCode() + announce.packetSize() + announce.group() + announce.expected() +
            announce.rosterSize() + announce.firstId();
        final Phase phase = Phase.get(announce.phaseCode());
        sum += null == phase ? 0 : phase.code();
        for (int i = 0; i < announce.entryCount(); i++)
        {
            sum += announce.nonce(i);
        }
        return sum;
    }

    private long readEof()
    {
        eof.getDigest(digest);
        return eof.packetCount() + eof.byteCount() + digest[0] + digest[EofFrame.DIGEST_LENGTH - 1];
    }

    private long readStatus(final int frameLength)
    {
        long sum = status.receiverId() + status.flags() + status.nonce() + status.contiguous() + status.windowEnd() +
            status.lost() + status.received() + status.reason(frameLength).length();
        for (int i = 0; i < status.rangeCount(); i++)
        {
            sum += status.rangeStart(i) + status.rangeLength(i);
        }
        return sum;
    }
}
