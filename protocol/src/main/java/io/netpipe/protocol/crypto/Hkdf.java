package io.netpipe.protocol.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): extract a pseudorandom key from input keying material and a salt, then
 * expand it into as many output bytes as asked for, bound to an info string. Used once per session and direction,
 * never per frame.
 */
public final class Hkdf
{
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf()
    {
    }

    /**
     * @param salt a non-secret random value; empty means a string of zeros, as the RFC says.
     * @param ikm  the input keying material (the pre-shared key).
     * @return the 32-byte pseudorandom key.
     */
    public static byte[] extract(final byte[] salt, final byte[] ikm)
    {
        final Mac mac = mac(salt.length == 0 ? new byte[HASH_LENGTH] : salt);
        return mac.doFinal(ikm);
    }

    /**
     * @param prk    a pseudorandom key from {@link #extract}.
     * @param info   binds the output to its use (a label).
     * @param length output bytes, at most 255 * 32.
     * @return the output keying material.
     */
    public static byte[] expand(final byte[] prk, final byte[] info, final int length)
    {
        if (length < 0 || length > 255 * HASH_LENGTH)
        {
            throw new IllegalArgumentException("HKDF output length " + length);
        }
        final Mac mac = mac(prk);
        final byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; counter++)
        {
            mac.update(block);
            mac.update(info);
            mac.update((byte)counter);
            block = mac.doFinal();
            final int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    /**
     * @param salt   the salt.
     * @param ikm    the input keying material.
     * @param info   the label.
     * @param length output bytes.
     * @return {@code expand(extract(salt, ikm), info, length)}.
     */
    public static byte[] derive(final byte[] salt, final byte[] ikm, final byte[] info, final int length)
    {
        return expand(extract(salt, ikm), info, length);
    }

    private static Mac mac(final byte[] key)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks " + HMAC, ex);
        }
    }
}
