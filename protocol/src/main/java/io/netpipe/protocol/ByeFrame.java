package io.netpipe.protocol;

import java.nio.charset.StandardCharsets;

/**
 * BYE: the session ends for one receiver or for all, with a reason, an end token per receiver it concerns and a
 * short human-readable text.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 common header (12 bytes, type 5)              |
 * +---------------+---------------+-------------------------------+
 * |    reason     | text length   |  receiver id (0xFFFF = all)   |
 * +---------------+---------------+-------------------------------+
 * | first token's id (page start) |   token count (this page)     |
 * +-------------------------------+-------------------------------+
 * |                token of receiver "first" (32 bits) ...        |
 * +---------------------------------------------------------------+
 * |                  text (UTF-8, up to 255 bytes)                |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * A receiver's token proves the BYE comes from the sender it joined: each receiver sends a random 64-bit end
 * secret in its JOIN, unicast to the sender, and the sender puts one half of it in the BYE, the
 * {@linkplain #completeToken complete half} when it confirms that receiver has the whole stream, the
 * {@linkplain #endedToken ended half} when it ends the session without it. Neither half is on the data channel
 * before that receiver's end, so a host that only hears the broadcast cannot forge either.
 * <p>
 * The BYE that ends the session for all goes out as pages when the roster has more receivers than one datagram
 * holds tokens for ({@link SessionGeometry#byePages}): each page is addressed to all, names the id of its first
 * token and carries that range's tokens and the whole text. A receiver heeds only a page that carries its id, and
 * only with one of its own tokens there.
 */
public final class ByeFrame extends FrameHeader
{
    /** Every live receiver has the whole stream: the session is complete. */
    public static final int REASON_COMPLETE = 1;
    /** The sender gave up (its input failed or it was interrupted): the stream is incomplete. */
    public static final int REASON_ABORTED = 2;
    /** The addressed receiver was dropped from the session. */
    public static final int REASON_DROPPED = 3;
    /** Receiver id meaning every receiver. */
    public static final int ALL_RECEIVERS = 0xFFFF;
    /** Offset of the reason. */
    public static final int REASON_OFFSET = HEADER_LENGTH;
    /** Offset of the text length. */
    public static final int TEXT_LENGTH_OFFSET = REASON_OFFSET + 1;
    /** Offset of the receiver id. */
    public static final int RECEIVER_ID_OFFSET = TEXT_LENGTH_OFFSET + 1;
    /** Offset of the id the first token belongs to. */
    public static final int FIRST_TOKEN_ID_OFFSET = RECEIVER_ID_OFFSET + 2;
    /** Offset of the token count. */
    public static final int TOKEN_COUNT_OFFSET = FIRST_TOKEN_ID_OFFSET + 2;
    /** Offset of the first token. */
    public static final int TOKENS_OFFSET = TOKEN_COUNT_OFFSET + 2;
    /** Bytes per token. */
    public static final int TOKEN_LENGTH = 4;
    /** Longest text. */
    public static final int MAX_TEXT_LENGTH = 255;

    /**
     * @param secret a receiver's end secret.
     * @return the token that says the sender confirms this receiver complete (the secret's high half).
     */
    public static int completeToken(final long secret)
    {
        return (int)(secret >>> 32);
    }

    /**
     * @param secret a receiver's end secret.
     * @return the token that says the sender ended the session without confirming this receiver (the low half).
     */
    public static int endedToken(final long secret)
    {
        return (int)secret;
    }

    /**
     * @param secret a candidate end secret.
     * @return whether its halves are told apart from each other and from an empty slot (0).
     */
    public static boolean isUsableSecret(final long secret)
    {
        return completeToken(secret) != 0 && endedToken(secret) != 0 && completeToken(secret) != endedToken(secret);
    }

    /**
     * @param frameLimit the longest frame of the session before its trailer (see {@link SessionGeometry}).
     * @return how many tokens one BYE can carry (with its text truncated to what is left).
     */
    public static int maxTokens(final int frameLimit)
    {
        return (frameLimit - TOKENS_OFFSET) / TOKEN_LENGTH;
    }

    /** @return the reason code. */
    public int reason()
    {
        return buffer.get(offset + REASON_OFFSET) & 0xFF;
    }

    /** @return the addressed receiver id, or {@link #ALL_RECEIVERS}. */
    public int receiverId()
    {
        return buffer.getShort(offset + RECEIVER_ID_OFFSET) & 0xFFFF;
    }

    /** @return the receiver id the first token belongs to. */
    public int firstTokenId()
    {
        return buffer.getShort(offset + FIRST_TOKEN_ID_OFFSET) & 0xFFFF;
    }

    /** @return how many tokens follow. */
    public int tokenCount()
    {
        return buffer.getShort(offset + TOKEN_COUNT_OFFSET) & 0xFFFF;
    }

    /**
     * @param receiverId a receiver's id.
     * @return whether this BYE (page) carries a token for that id.
     */
    public boolean covers(final int receiverId)
    {
        final int index = receiverId - firstTokenId();
        return receiverId >= 0 && index >= 0 && index < tokenCount();
    }

    /**
     * @param receiverId a receiver's id.
     * @return its token, or 0 when the BYE carries none for it (call only on a {@linkplain #isComplete complete}
     *         frame).
     */
    public int tokenFor(final int receiverId)
    {
        final int index = receiverId - firstTokenId();
        return receiverId < 0 || index < 0 || index >= tokenCount() ? 0 :
            buffer.getInt(offset + TOKENS_OFFSET + index * TOKEN_LENGTH);
    }

    /**
     * @param index a token's index (0 is {@link #firstTokenId()}'s).
     * @param token the token.
     * @return this.
     */
    public ByeFrame token(final int index, final int token)
    {
        buffer.putInt(offset + TOKENS_OFFSET + index * TOKEN_LENGTH, token);
        return this;
    }

    private int textOffset()
    {
        return TOKENS_OFFSET + tokenCount() * TOKEN_LENGTH;
    }

    /**
     * @param frameLength the datagram length.
     * @return whether the tokens and the text fit the datagram.
     */
    @Override
    public boolean isComplete(final int frameLength)
    {
        return frameLength >= TOKENS_OFFSET &&
            textOffset() + (buffer.get(offset + TEXT_LENGTH_OFFSET) & 0xFF) <= frameLength;
    }

    /** @return the text (allocates: control path only). */
    public String text()
    {
        final byte[] bytes = new byte[buffer.get(offset + TEXT_LENGTH_OFFSET) & 0xFF];
        buffer.get(offset + textOffset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Writes the body but the tokens, which the caller then sets with {@link #token}.
     *
     * @param reason       the reason code.
     * @param receiverId   the addressed receiver or {@link #ALL_RECEIVERS}.
     * @param firstTokenId the id of the receiver the first token belongs to.
     * @param tokenCount   how many tokens follow, at most {@link #maxTokens maxTokens(frameLimit)}.
     * @param text         the text, truncated to {@link #MAX_TEXT_LENGTH} bytes and to what fits the frame limit.
     * @param frameLimit   the longest frame of the session before its trailer.
     * @return the frame length.
     */
    public int write(final int reason, final int receiverId, final int firstTokenId, final int tokenCount,
        final String text, final int frameLimit)
    {
        if (tokenCount < 0 || tokenCount > maxTokens(frameLimit))
        {
            throw new IllegalArgumentException("token count " + tokenCount + " for a frame limit of " + frameLimit);
        }
        buffer.put(offset + REASON_OFFSET, (byte)reason);
        buffer.putShort(offset + RECEIVER_ID_OFFSET, (short)receiverId);
        buffer.putShort(offset + FIRST_TOKEN_ID_OFFSET, (short)firstTokenId);
        buffer.putShort(offset + TOKEN_COUNT_OFFSET, (short)tokenCount);
        final int textOffset = textOffset();
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = Math.max(0, Math.min(bytes.length, Math.min(MAX_TEXT_LENGTH, frameLimit - textOffset)));
        buffer.put(offset + TEXT_LENGTH_OFFSET, (byte)length);
        buffer.put(offset + textOffset, bytes, 0, length);
        return textOffset + length;
    }
}
