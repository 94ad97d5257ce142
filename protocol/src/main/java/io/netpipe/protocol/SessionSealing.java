package io.netpipe.protocol;

/**
 * How one session's frames are sealed and verified, created once from the session's parameters: it sets the
 * trailer length every frame budget accounts for, and hands each thread its own {@link FrameSealer} and
 * {@link FrameVerifier}. Without a key, frames carry a CRC-32 only ({@link #unkeyed()}).
 */
public interface SessionSealing
{
    /** @return bytes after every frame's body. */
    int trailerLength();

    /** @return a sealer for one thread. */
    FrameSealer newSealer();

    /** @return a verifier for one thread. */
    FrameVerifier newVerifier();

    /** @return the sealing of a session without a key: a CRC-32 over every datagram, no trailer. */
    static SessionSealing unkeyed()
    {
        return CrcSealing.INSTANCE;
    }
}
