package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.netpipe.protocol.FrameHeader;

/**
 * One thread's AES-GCM over frames in place: the header as associated data, the body encrypted or decrypted where
 * it lies, the tag right after it. Holds the reusable state (the Cipher, the IV and header arrays, and two views of
 * the last buffer, since a Cipher needs distinct input and output buffers) so a frame costs no allocation of ours;
 * the JDK still makes a small parameter object per frame, as GCM needs a fresh IV at every init.
 */
final class GcmFrames
{
    private static final int TAG_BITS = KeyedSealing.TAG_LENGTH * 8;

    private final Cipher cipher;
    private final byte[] iv = new byte[12];
    private final byte[] aad = new byte[FrameHeader.HEADER_LENGTH];
    private ByteBuffer viewed;
    private ByteBuffer in;
    private ByteBuffer out;

    GcmFrames()
    {
        try
        {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks AES/GCM", ex);
        }
    }

    /**
     * Encrypts {@code [offset + HEADER_LENGTH, bodyEnd)} in place and writes the tag at {@code bodyEnd}.
     */
    void encrypt(final SecretKeySpec key, final int sealerId, final long counter, final ByteBuffer buffer,
        final int offset, final int bodyEnd)
    {
        try
        {
            start(Cipher.ENCRYPT_MODE, key, sealerId, counter, buffer, offset);
            cipher.doFinal(in(buffer, offset, bodyEnd), out(bodyEnd + KeyedSealing.TAG_LENGTH));
        }
        catch (final GeneralSecurityException ex)
        {
            // Only a JDK without AES-GCM or a nonce reused by a bug of ours gets here: never a datagram's content.
            throw new IllegalStateException("AES-GCM sealing failed", ex);
        }
    }

    /**
     * Decrypts {@code [offset + HEADER_LENGTH, bodyEnd)} in place if the tag at {@code bodyEnd} matches.
     *
     * @return whether the tag matched; if not, the body is garbage.
     */
    boolean decrypt(final SecretKeySpec key, final int sealerId, final long counter, final ByteBuffer buffer,
        final int offset, final int bodyEnd)
    {
        try
        {
            start(Cipher.DECRYPT_MODE, key, sealerId, counter, buffer, offset);
            cipher.doFinal(in(buffer, offset, bodyEnd + KeyedSealing.TAG_LENGTH), out(bodyEnd));
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            // AEADBadTagException: forged, corrupt or sealed with another key. The cipher resets itself.
            return false;
        }
    }

    private void start(final int mode, final SecretKeySpec key, final int sealerId, final long counter,
        final ByteBuffer buffer, final int offset) throws GeneralSecurityException
    {
        iv[0] = (byte)(sealerId >>> 24);
        iv[1] = (byte)(sealerId >>> 16);
        iv[2] = (byte)(sealerId >>> 8);
        iv[3] = (byte)sealerId;
        for (int i = 0; i < 8; i++)
        {
            iv[4 + i] = (byte)(counter >>> (56 - 8 * i));
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        buffer.get(offset, aad);
        cipher.updateAAD(aad);
    }

    private ByteBuffer in(final ByteBuffer buffer, final int offset, final int end)
    {
        if (buffer != viewed)
        {
            viewed = buffer;
            in = buffer.duplicate();
            out = buffer.duplicate();
        }
        in.clear().limit(end).position(offset + FrameHeader.HEADER_LENGTH);
        out.clear().position(offset + FrameHeader.HEADER_LENGTH);
        return in;
    }

    private ByteBuffer out(final int end)
    {
        out.limit(end);
        return out;
    }
}
