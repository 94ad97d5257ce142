package io.netpipe.protocol;

/**
 * Frame types and their wire codes. Sender frames go to the data port, receiver frames to the feedback port.
 */
public enum FrameType
{
    /** Sender: session announcement during seek and init (parameters and roster). */
    ANNOUNCE(1),
    /** Sender: one sequenced slice of the stream. */
    DATA(2),
    /** Sender: liveness and the next sequence it will send, so receivers can report tail losses. */
    HEARTBEAT(3),
    /** Sender: end of stream: packet and byte count, digest of the whole stream. */
    EOF(4),
    /** Sender: the session is over (complete or aborted), for everyone or one receiver. */
    BYE(5),
    /** Receiver: asks to join the announced session. */
    JOIN(6),
    /** Receiver: position, missing ranges, window end and loss counters; also ready, done and failed. */
    STATUS(7),
    /** Sender: a parity packet over a block of DATA payloads (version 4, recoded in 5), see {@link ParityFrame}. */
    PARITY(8);

    private static final FrameType[] BY_CODE = new FrameType[9];

    static
    {
        for (final FrameType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(final int code)
    {
        this.code = code;
    }

    /** @return the code on the wire. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a wire code.
     * @return the frame type, or {@code null} for an unknown code (the caller counts and drops the frame).
     */
    public static FrameType get(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
