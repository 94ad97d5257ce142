package io.netpipe.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * {@code --session NAME}: keeps sessions on one port apart (two labs on one VLAN) without a change to the wire.
 * The name lives in the session id: its top 16 bits are a tag derived from the name (the first two bytes of its
 * SHA-256), its low 16 bits are random and non-zero, so successive sessions of one name still differ. A receiver
 * given a name considers only sessions whose id carries its tag; one without a name considers any session. Two
 * different names share a tag with probability 1/65536, and an unnamed sender's random id carries a given tag
 * with the same probability: this separates sessions that are meant to be apart, it does not authenticate
 * (that is {@code --key-file}).
 */
public final class SessionTag
{
    /** The bits of a session id that carry the tag. */
    public static final int MASK = 0xFFFF0000;

    private SessionTag()
    {
    }

    /**
     * @param name the session name.
     * @return its tag, in the top 16 bits.
     */
    public static int of(final String name)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xFF) << 24) | ((digest[1] & 0xFF) << 16);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

    /**
     * @param name   the session name, or {@code null} for none.
     * @param random draws the random bits.
     * @return a new non-zero session id: fully random without a name, else carrying the name's tag.
     */
    public static int newSessionId(final String name, final SecureRandom random)
    {
        return null == name ? random.nextInt(Integer.MAX_VALUE - 1) + 1 : of(name) | (random.nextInt(0xFFFF) + 1);
    }

    /**
     * @param sessionId a session id heard.
     * @param name      the name a receiver was given, or {@code null} for none.
     * @return whether a receiver with that name may consider the session.
     */
    public static boolean matches(final int sessionId, final String name)
    {
        return null == name || (sessionId & MASK) == of(name);
    }
}
