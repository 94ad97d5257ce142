package io.netpipe.receiver;

/** Where the stream's end stands. */
enum SessionEnd
{
    /** Not everything is held and written yet, or no EOF yet, or the digest is still being checked. */
    PENDING,
    /** Writing the output failed: see {@link ReceiveSession#problem()}. */
    OUTPUT_FAILED,
    /** Whole, but its length contradicts the EOF, or its SHA-256 is not the sender's: see {@link ReceiveSession#problem()}. */
    CORRUPT,
    /** Whole, written, and its SHA-256 matched. */
    VERIFIED
}
