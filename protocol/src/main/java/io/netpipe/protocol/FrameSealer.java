package io.netpipe.protocol;

import java.nio.ByteBuffer;

/**
 * Completes the frames one thread sends in one session: appends the session's trailer (none without a key) and
 * writes the CRC. Every frame netpipe sends passes through one, so protecting the frames is a change to the
 * session's {@link SessionSealing}, not to the sites that build frames. Not thread-safe: one per thread.
 */
public interface FrameSealer
{
    /** @return bytes this sealer appends after every frame's body. */
    int trailerLength();

    /**
     * Seals the frame at {@code [offset, offset + length)} in place; the buffer must hold {@link #trailerLength()}
     * more bytes after it. On return the buffer's position is {@code offset} and its limit the sealed frame's end,
     * ready to send.
     *
     * @param buffer the buffer holding the frame.
     * @param offset index of the frame's first byte.
     * @param length the frame's length without the trailer (header and body).
     * @return the sealed frame's length.
     */
    int seal(ByteBuffer buffer, int offset, int length);
}
