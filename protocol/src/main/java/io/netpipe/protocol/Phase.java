package io.netpipe.protocol;

/** The phases of a session, as announced by the sender. */
public enum Phase
{
    /** Looking for receivers: JOIN to be listed in the roster. */
    SEEK(1),
    /** Roster and parameters fixed: listed receivers confirm with a STATUS. */
    INIT(2),
    /** Data flowing: receivers not in the roster should wait for the next session. */
    TRANSFER(3);

    private final int code;

    Phase(final int code)
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
     * @return the phase, or {@code null} for an unknown code.
     */
    public static Phase get(final int code)
    {
        return switch (code)
        {
            case 1 -> SEEK;
            case 2 -> INIT;
            case 3 -> TRANSFER;
            default -> null;
        };
    }
}
