package io.netpipe.protocol;

/**
 * HEARTBEAT: the sender is alive, and every sequence below {@code nextSequence} has been sent at least once,
 * so a receiver can report a lost tail before more data comes. Sent when the sender has been quiet.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 3)              |
 * +---------------------------------------------------------------+
 * |                    next sequence (64 bits)                    |
 * |                                                               |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class HeartbeatFrame extends FrameHeader
{
    /** Offset of the next sequence. */
    public static final int NEXT_SEQUENCE_OFFSET = HEADER_LENGTH;
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= LENGTH;
    }

    /** Length of the frame. */
    public static final int LENGTH = NEXT_SEQUENCE_OFFSET + 8;

    /** @return the next sequence the sender will send. */
    public long nextSequence()
    {
        return buffer.getLong(offset + NEXT_SEQUENCE_OFFSET);
    }

    /**
     * @param nextSequence the next sequence the sender will send.
     * @return this.
     */
    public HeartbeatFrame nextSequence(final long nextSequence)
    {
        buffer.putLong(offset + NEXT_SEQUENCE_OFFSET, nextSequence);
        return this;
    }
}
