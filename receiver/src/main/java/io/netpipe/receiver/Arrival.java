package io.netpipe.receiver;

/** What became of one DATA frame. */
enum Arrival
{
    /** Stored; something new is held. */
    STORED,
    /** Already held. */
    DUPLICATE,
    /** Beyond the window the writer's position allows: the sender ran ahead of what this receiver offered. */
    BEYOND_WINDOW,
    /** Impossible for this session: too long, or past the stream's end. */
    INVALID
}
