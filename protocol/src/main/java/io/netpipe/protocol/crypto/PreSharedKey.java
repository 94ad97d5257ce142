package io.netpipe.protocol.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The secret shared by a sender and its receivers, read from a key file ({@link KeyFile}). Sessions never use it
 * directly: each derives its own keys from it and a fresh salt ({@link KeyedSealing}).
 */
public final class PreSharedKey
{
    /** Bytes in a key. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    /**
     * @param bytes exactly {@link #LENGTH} bytes, copied.
     */
    public PreSharedKey(final byte[] bytes)
    {
        if (bytes.length != LENGTH)
        {
            throw new IllegalArgumentException("a key has " + LENGTH + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /**
     * @param random the source of randomness.
     * @return a fresh random key.
     */
    public static PreSharedKey generate(final SecureRandom random)
    {
        final byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new PreSharedKey(bytes);
    }

    /** @return a copy of the key's bytes. */
    public byte[] bytes()
    {
        return bytes.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof PreSharedKey key && java.security.MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(bytes);
    }

    /** @return never the key itself, so it cannot leak into a log. */
    @Override
    public String toString()
    {
        return "PreSharedKey[redacted]";
    }
}
