package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;
import io.netpipe.protocol.SessionSealing;

/**
 * The sealing of a keyed session ({@code --key-file}): every frame is authenticated and its body encrypted with
 * AES-256-GCM. The header stays in clear and is authenticated as associated data; the body is encrypted in place;
 * the trailer carries what a receiver needs to verify a frame of a session it has never seen:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+---------------+---------------+
 * |         magic 0x4E50          | version 0x86  |  frame type   |  header: associated data
 * +-------------------------------+---------------+---------------+
 * |                          session id                           |
 * +---------------------------------------------------------------+
 * |                     0 (no CRC: the tag covers it)             |
 * +---------------------------------------------------------------+
 * |                    body, encrypted ...                        |
 * +---------------------------------------------------------------+
 * |                  GCM tag (128 bits)                           |  trailer: 44 bytes
 * +---------------------------------------------------------------+
 * |                  session salt (128 bits)                      |
 * +---------------------------------------------------------------+
 * |                  sealer id (32 bits)                          |
 * +---------------------------------------------------------------+
 * |                  counter (64 bits)                            |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The version byte of a keyed frame has its top bit set ({@link #KEYED_VERSION}): an unkeyed peer drops it as an
 * unknown version, and a keyed peer drops unkeyed frames, so the two are never confused and the wire version
 * stays 1. Keys: HKDF-SHA256 of the pre-shared key with the session's random salt, one key per direction
 * ({@link SessionKeys}). Nonce: the sealer id and the counter (12 bytes); every sealer draws a random id and a
 * random starting counter below 2<sup>62</sup>, so two threads of one sender, or two receivers, never repeat a
 * nonce under one key. Verifiers reject a repeated or too old counter per sealer ({@link ReplayWindows}), except
 * for DATA: retransmissions resend the frame sealed once, and a receiver drops a DATA sequence it holds anyway.
 */
public final class KeyedSealing implements SessionSealing
{
    /** The version byte of a keyed frame: the wire version with the keyed bit. */
    public static final int KEYED_VERSION = FrameHeader.VERSION | 0x80;
    /** Bytes of the GCM tag. */
    public static final int TAG_LENGTH = 16;
    /** Bytes of the session salt. */
    public static final int SALT_LENGTH = 16;
    /** Bytes of the trailer. */
    public static final int TRAILER_LENGTH = TAG_LENGTH + SALT_LENGTH + 4 + 8;
    /** Offset of the salt from the end of the body. */
    static final int SALT_OFFSET = TAG_LENGTH;
    /** Offset of the sealer id from the end of the body. */
    static final int SEALER_ID_OFFSET = SALT_OFFSET + SALT_LENGTH;
    /** Offset of the counter from the end of the body. */
    static final int COUNTER_OFFSET = SEALER_ID_OFFSET + 4;

    /** Which end of a session seals with this: it picks the key a sealer uses and the frames a verifier takes. */
    public enum Side
    {
        /** Seals ANNOUNCE, DATA, HEARTBEAT, EOF, BYE; verifies JOIN and STATUS. */
        SENDER,
        /** Seals JOIN and STATUS; verifies the sender's frames. */
        RECEIVER;

        /** @return whether this side sends frames of that type. */
        boolean sends(final FrameType type)
        {
            return (type == FrameType.JOIN || type == FrameType.STATUS) == (this == RECEIVER);
        }
    }

    private final byte[] ikm;
    private final Side side;
    private final SessionKeys keys;
    private final SecureRandom random;

    private KeyedSealing(final byte[] ikm, final Side side, final SessionKeys keys, final SecureRandom random)
    {
        this.ikm = ikm;
        this.side = side;
        this.keys = keys;
        this.random = random;
    }

    /**
     * @param key    the pre-shared key.
     * @param random draws the session salt and every sealer's id and first counter.
     * @return a sender's new session, with a fresh salt.
     */
    public static KeyedSealing newSession(final PreSharedKey key, final SecureRandom random)
    {
        final byte[] ikm = key.bytes();
        return new KeyedSealing(ikm, Side.SENDER, SessionKeys.derive(ikm, random.nextLong(), random.nextLong()), random);
    }

    /**
     * A receiver before it has chosen a session: its verifiers take the ANNOUNCE of any session sealed with the
     * key (and then that session's other frames); it cannot seal. Once a session is chosen, see {@link #joining}.
     *
     * @param key    the pre-shared key.
     * @param random draws sealer ids and counters once a session is joined.
     * @return the sealing of a receiver waiting for a session.
     */
    public static KeyedSealing awaitingSession(final PreSharedKey key, final SecureRandom random)
    {
        return new KeyedSealing(key.bytes(), Side.RECEIVER, null, random);
    }

    /**
     * @param buffer a buffer holding a frame verified by one of this sealing's verifiers.
     * @param offset the frame's first byte.
     * @param length the frame's length with its trailer.
     * @return the receiver's sealing of that frame's session.
     */
    public KeyedSealing joining(final ByteBuffer buffer, final int offset, final int length)
    {
        final int salt = offset + length - TRAILER_LENGTH + SALT_OFFSET;
        final ByteBuffer be = buffer.order(ByteOrder.BIG_ENDIAN);
        return new KeyedSealing(ikm, Side.RECEIVER, SessionKeys.derive(ikm, be.getLong(salt), be.getLong(salt + 8)),
            random);
    }

    /** @return which end of the session this is. */
    public Side side()
    {
        return side;
    }

    /** @return whether this sealing is bound to one session (else it only verifies, see {@link #awaitingSession}). */
    public boolean hasSession()
    {
        return null != keys;
    }

    @Override
    public int trailerLength()
    {
        return TRAILER_LENGTH;
    }

    /** @throws IllegalStateException when no session is chosen yet. */
    @Override
    public FrameSealer newSealer()
    {
        if (null == keys)
        {
            throw new IllegalStateException("no session to seal for yet");
        }
        return new KeyedSealer(keys, keys.sealing(side), random.nextInt(), random.nextLong() >>> 2);
    }

    /** @return a {@link KeyedVerifier} for one thread. */
    @Override
    public FrameVerifier newVerifier()
    {
        return new KeyedVerifier(ikm, side, keys);
    }
}
