package io.netpipe.protocol;

/**
 * The sizes a session's parameters imply, derived in one place so sender and receiver agree on them: the
 * longest datagram, the trailer every frame carries, and what is left for a DATA payload and an announced roster.
 *
 * @param packetSize    the longest datagram of the session (IP never fragments it).
 * @param trailerLength bytes after every frame's body (see {@link SessionSealing#trailerLength()}).
 */
public record SessionGeometry(int packetSize, int trailerLength)
{
    /**
     * @param packetSize    the longest datagram.
     * @param trailerLength the trailer length.
     */
    public SessionGeometry
    {
        if (packetSize < DataFrame.MIN_PACKET_SIZE || packetSize > DataFrame.MAX_PACKET_SIZE)
        {
            throw new IllegalArgumentException("packet size " + packetSize + " outside " + DataFrame.MIN_PACKET_SIZE +
                ".." + DataFrame.MAX_PACKET_SIZE);
        }
        if (trailerLength < 0 || trailerLength > 64)
        {
            throw new IllegalArgumentException("trailer length " + trailerLength);
        }
    }

    /** @return the longest frame before its trailer. */
    public int frameLimit()
    {
        return packetSize - trailerLength;
    }

    /** @return the stream bytes one DATA frame carries. */
    public int payloadCapacity()
    {
        return DataFrame.payloadCapacity(frameLimit());
    }

    /**
     * @return how many receivers a session admits: as many as one announcement can list and one BYE can carry
     *         tokens for (the announcement is the tighter: 8 bytes an entry against 4).
     */
    public int maxRoster()
    {
        return Math.min(AnnounceFrame.maxRoster(frameLimit()), ByeFrame.maxTokens(frameLimit()));
    }

    /**
     * @param bufferBytes a receiver's reassembly buffer.
     * @param minSlots    the fewest slots a receiver works with.
     * @return the packets that buffer holds, clamped so the ring stays one addressable buffer.
     */
    public int slotsFor(final long bufferBytes, final int minSlots)
    {
        final int capacity = payloadCapacity();
        return (int)Math.max(minSlots, Math.min(Integer.MAX_VALUE / capacity, bufferBytes / capacity));
    }
}
