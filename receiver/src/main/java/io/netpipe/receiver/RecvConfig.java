package io.netpipe.receiver;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import io.netpipe.protocol.SessionSealing;

/**
 * Everything a receiver is configured with.
 *
 * @param bufferBytes      reassembly buffer: how far the sender may run ahead of this receiver's output.
 * @param senderFilter     accept sessions only from this address, or {@code null} for any.
 * @param waitTimeoutNs    give up when no session is found in this time; 0 waits forever.
 * @param senderSilenceNs  give up when the sender of a joined session is silent this long.
 * @param name             this host's name, shown by the sender.
 * @param sealing         how frames are verified and sealed.
 * @param sessionName     consider only sessions carrying this name's tag ({@code --session}), {@code null}: any.
 * @param ignoredSessionId a session not to join (0: none): the one a {@code --loop} receiver just served, whose
 *                         sender may still be announcing it to slower receivers.
 * @param nonceSource      draws the receiver's nonce, from which its reports' random phase and back-offs are drawn
 *                         too; {@code null}: {@link SecureRandom}. A simulation passes a seeded source to replay.
 */
public record RecvConfig(
    long bufferBytes,
    InetAddress senderFilter,
    long waitTimeoutNs,
    long senderSilenceNs,
    String name,
    SessionSealing sealing,
    String sessionName,
    int ignoredSessionId,
    RandomGenerator nonceSource)
{
    /** The same receiver, ignoring no session. */
    public RecvConfig(final long bufferBytes, final InetAddress senderFilter, final long waitTimeoutNs,
        final long senderSilenceNs, final String name, final SessionSealing sealing, final String sessionName)
    {
        this(bufferBytes, senderFilter, waitTimeoutNs, senderSilenceNs, name, sealing, sessionName, 0, null);
    }

    /**
     * @param sessionId the session to ignore.
     * @return the same receiver, ignoring that session.
     */
    public RecvConfig ignoring(final int sessionId)
    {
        return new RecvConfig(bufferBytes, senderFilter, waitTimeoutNs, senderSilenceNs, name, sealing, sessionName,
            sessionId, nonceSource);
    }

    /**
     * @param source draws the nonce.
     * @return the same receiver, drawing its nonce from {@code source}.
     */
    public RecvConfig seeded(final RandomGenerator source)
    {
        return new RecvConfig(bufferBytes, senderFilter, waitTimeoutNs, senderSilenceNs, name, sealing, sessionName,
            ignoredSessionId, source);
    }

    /** @return a nonce for the receiver. */
    public long newNonce()
    {
        return (null == nonceSource ? new SecureRandom() : nonceSource).nextLong();
    }

    /** The same receiver, for any session name. */
    public RecvConfig(final long bufferBytes, final InetAddress senderFilter, final long waitTimeoutNs,
        final long senderSilenceNs, final String name, final SessionSealing sealing)
    {
        this(bufferBytes, senderFilter, waitTimeoutNs, senderSilenceNs, name, sealing, null);
    }

    /** The same receiver, unkeyed: frames carry a CRC-32 only. */
    public RecvConfig(final long bufferBytes, final InetAddress senderFilter, final long waitTimeoutNs,
        final long senderSilenceNs, final String name)
    {
        this(bufferBytes, senderFilter, waitTimeoutNs, senderSilenceNs, name, SessionSealing.unkeyed(), null);
    }

    /** Default reassembly buffer ({@code recv --buffer}): the sender's default window of 32,768 packets fits. */
    public static final long DEFAULT_BUFFER_BYTES = 48L << 20;
    /** Default sender silence limit. */
    public static final long DEFAULT_SENDER_SILENCE_NS = 3_000_000_000L;
}
