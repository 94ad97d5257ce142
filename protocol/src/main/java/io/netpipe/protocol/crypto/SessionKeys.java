package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

/**
 * The two AES keys of one session, one per direction, derived with HKDF from the pre-shared key and the session's
 * 16-byte salt. A frame names its session by the salt in its trailer, kept here as two longs so a verifier
 * compares it without allocating.
 */
final class SessionKeys
{
    /** AES-256. */
    static final int KEY_LENGTH = 32;
    private static final byte[] FROM_SENDER = "netpipe-v1 sender to receivers".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_RECEIVERS = "netpipe-v1 receivers to sender".getBytes(StandardCharsets.US_ASCII);

    final long saltHigh;
    final long saltLow;
    final SecretKeySpec fromSender;
    final SecretKeySpec fromReceivers;

    private SessionKeys(final long saltHigh, final long saltLow, final SecretKeySpec fromSender,
        final SecretKeySpec fromReceivers)
    {
        this.saltHigh = saltHigh;
        this.saltLow = saltLow;
        this.fromSender = fromSender;
        this.fromReceivers = fromReceivers;
    }

    /**
     * @param ikm      the pre-shared key's bytes.
     * @param saltHigh the salt's first 8 bytes, big-endian.
     * @param saltLow  the salt's last 8 bytes.
     * @return the session's keys.
     */
    static SessionKeys derive(final byte[] ikm, final long saltHigh, final long saltLow)
    {
        final byte[] salt = ByteBuffer.allocate(KeyedSealing.SALT_LENGTH).putLong(saltHigh).putLong(saltLow).array();
        final byte[] prk = Hkdf.extract(salt, ikm);
        return new SessionKeys(saltHigh, saltLow,
            new SecretKeySpec(Hkdf.expand(prk, FROM_SENDER, KEY_LENGTH), "AES"),
            new SecretKeySpec(Hkdf.expand(prk, FROM_RECEIVERS, KEY_LENGTH), "AES"));
    }

    boolean matches(final long high, final long low)
    {
        return high == saltHigh && low == saltLow;
    }

    /** @return the key the given side seals with. */
    SecretKeySpec sealing(final KeyedSealing.Side side)
    {
        return side == KeyedSealing.Side.SENDER ? fromSender : fromReceivers;
    }

    /** @return the key the given side verifies with: the other side's. */
    SecretKeySpec verifying(final KeyedSealing.Side side)
    {
        return side == KeyedSealing.Side.SENDER ? fromReceivers : fromSender;
    }
}
