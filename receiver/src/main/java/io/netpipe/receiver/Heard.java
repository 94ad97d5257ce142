package io.netpipe.receiver;

/** What a HEARTBEAT told. */
enum Heard
{
    /** Something below the sender's next sequence is missing: worth a report. */
    GAP,
    /** Nothing new. */
    NOTHING,
    /** Older than what was heard already (a replay, or reordered): no sign the sender is still there. */
    STALE,
    /** Impossible for this session: counted and dropped (or a contradiction, see {@link SessionEnd#CORRUPT}). */
    INVALID
}
