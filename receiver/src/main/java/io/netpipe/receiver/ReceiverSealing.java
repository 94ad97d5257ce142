package io.netpipe.receiver;

import java.nio.ByteBuffer;

import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.crypto.KeyedSealing;

/**
 * The receiver's sealing as it moves from waiting to a session. Unkeyed, one CRC sealer and verifier serve every
 * session. Keyed ({@code --key-file}), a waiting receiver verifies with a verifier that takes any session sealed
 * with the key and cannot seal; the moment it picks a session (its ANNOUNCE verified), the session's sealing is
 * derived from that frame's salt, and the reporter's sealer and the inbound verifier are switched to it, so every
 * later frame of another session, or of no session, fails verification. Going back to waiting switches back.
 */
final class ReceiverSealing
{
    private final SessionSealing configured;
    private final FrameVerifier waiting;
    private FrameVerifier verifier;
    private StatusReporter reporter;

    /** @param configured the sealing {@code RecvConfig} names. */
    ReceiverSealing(final SessionSealing configured)
    {
        this.configured = configured;
        this.waiting = configured.newVerifier();
        this.verifier = waiting;
    }

    /** @return bytes of every frame's trailer. */
    int trailerLength()
    {
        return waiting.trailerLength();
    }

    /** @return a sealer for the reporter before any session: {@code null} when keyed (nothing is sent then). */
    FrameSealer initialSealer()
    {
        return isAwaiting() ? null : configured.newSealer();
    }

    /** @param reporter the reporter whose sealer follows the session. */
    void sealFor(final StatusReporter reporter)
    {
        this.reporter = reporter;
    }

    /** @return the verifier of the current state: the waiting one, or the chosen session's. */
    FrameVerifier verifier()
    {
        return verifier;
    }

    /**
     * A session was picked from its ANNOUNCE, verified at {@code [offset, offset + length)}.
     *
     * @param buffer the datagram's buffer.
     * @param offset its first byte.
     * @param length its length with the trailer.
     */
    void joined(final ByteBuffer buffer, final int offset, final int length)
    {
        if (isAwaiting())
        {
            final KeyedSealing session = ((KeyedSealing)configured).joining(buffer, offset, length);
            verifier = session.newVerifier();
            reporter.sealWith(session.newSealer());
        }
    }

    /** Back to waiting: any session sealed with the key is heard again. */
    void left()
    {
        verifier = waiting;
    }

    private boolean isAwaiting()
    {
        return configured instanceof KeyedSealing keyed && !keyed.hasSession();
    }
}
