package io.netpipe.protocol;

/**
 * The sizes a session's parameters imply, derived in one place so sender and receiver agree on them: the
 * longest datagram, the trailer every frame carries, and what is left for a DATA payload, a page of the announced
 * roster and a page of the final BYE's tokens.
 *
 * @param packetSize    the longest datagram of the session (IP never fragments it).
 * @param trailerLength bytes after every frame's body (see {@link SessionSealing#trailerLength()}).
 */
public record SessionGeometry(int packetSize, int trailerLength)
{
    /**
     * Most receivers in one session, at any packet size: the roster and the final BYE span as many datagrams as they
     * need, so the bound is not the datagram but what was tried. 1,000 simulated receivers complete a transfer in a
     * test; the wire would allow 65,534 (ids are 16 bits, and 0xFFFF means every receiver).
     */
    public static final int MAX_RECEIVERS = 1024;

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

    /** @return how many receivers a session admits: {@link #MAX_RECEIVERS}, whatever the packet size. */
    public int maxRoster()
    {
        return MAX_RECEIVERS;
    }

    /** @return roster entries one ANNOUNCE page lists. */
    public int announcePageEntries()
    {
        return AnnounceFrame.maxEntries(frameLimit());
    }

    /**
     * @param rosterSize receivers in the roster.
     * @return ANNOUNCE datagrams it takes to list them all (one for an empty roster).
     */
    public int announcePages(final int rosterSize)
    {
        return Math.max(1, ceilDiv(rosterSize, announcePageEntries()));
    }

    /**
     * @return end tokens one page of the final BYE carries, with room left for the longest text: every page tells
     *         its receivers why the session ended.
     */
    public int byePageTokens()
    {
        return ByeFrame.maxTokens(frameLimit() - ByeFrame.MAX_TEXT_LENGTH);
    }

    /**
     * @param rosterSize receivers in the roster.
     * @return BYE datagrams it takes to carry every receiver's token (one for an empty roster).
     */
    public int byePages(final int rosterSize)
    {
        return Math.max(1, ceilDiv(rosterSize, byePageTokens()));
    }

    private static int ceilDiv(final int a, final int b)
    {
        return (a + b - 1) / b;
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
