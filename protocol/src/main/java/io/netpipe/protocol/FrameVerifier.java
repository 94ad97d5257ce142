package io.netpipe.protocol;

import java.nio.ByteBuffer;

/**
 * Checks a received datagram in place: magic, version, a known type, the CRC and, in a keyed session, the trailer.
 * It never throws on what a datagram holds: anything invalid is reported as {@code null}, for the caller to count
 * and drop. Not thread-safe: one per thread.
 */
public interface FrameVerifier
{
    /** @return bytes every valid frame of the session carries after its body. */
    int trailerLength();

    /**
     * @param buffer the buffer holding the datagram; its position and limit are left alone.
     * @param offset index of the datagram's first byte.
     * @param length the datagram's length, trailer included.
     * @return the frame type, or {@code null} when the datagram is not a valid frame of this session's kind.
     */
    FrameType verify(ByteBuffer buffer, int offset, int length);
}
