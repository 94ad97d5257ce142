package io.netpipe.receiver;

import java.util.BitSet;

import io.netpipe.protocol.AnnounceFrame;

/**
 * The ids of a fixed roster (init or transfer) a receiver has heard listed, page by page: a receiver missing from
 * one page may be on another, so it counts itself left out only once every id was heard without its own.
 */
final class RosterPages
{
    private final BitSet heard = new BitSet();
    private int rosterSize = -1;

    /**
     * @param announce a complete page of a fixed roster.
     * @return whether every id of that roster has now been heard.
     */
    boolean heardAll(final AnnounceFrame announce)
    {
        if (announce.rosterSize() != rosterSize)
        {
            heard.clear();
            rosterSize = announce.rosterSize();
        }
        heard.set(announce.firstId(), announce.firstId() + announce.entryCount());
        return heard.cardinality() >= rosterSize;
    }

    /** Forgets what was heard, for the next session. */
    void clear()
    {
        heard.clear();
        rosterSize = -1;
    }
}
