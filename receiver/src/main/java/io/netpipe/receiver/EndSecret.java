package io.netpipe.receiver;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.PrintableText;

/**
 * This receiver's end secret for the session it joins: drawn afresh for every session found, sent only in JOINs
 * (unicast to that session's sender), and the only thing that makes a BYE the sender's (see {@link ByeFrame}).
 * Without a key anyone who hears the broadcast can forge every other field of a BYE, and one that takes the
 * sender's address can send it from there; a fresh secret per session also means a stale or fake session that
 * learned an earlier one cannot end the next.
 */
final class EndSecret
{
    /** What a BYE means for this receiver. */
    enum Verdict
    {
        /** Not addressed to this receiver, or a page of the final BYE that carries other receivers' tokens. */
        NOT_OURS,
        /** Addressed to it but without either of its tokens: not the sender's, ignored. */
        FORGED,
        /** The sender confirms this receiver has the whole stream. */
        COMPLETE,
        /** The sender ended the session without confirming this receiver. */
        ENDED
    }

    /** Why a receiver that has not the whole stream yet ends on the sender's BYE. */
    static final String EARLY = "the sender ended the session before this receiver had the whole stream";

    private final RandomGenerator random;
    private long secret;

    EndSecret()
    {
        this(new SecureRandom());
    }

    /** @param random where secrets come from (a test's seeded generator). */
    EndSecret(final RandomGenerator random)
    {
        this.random = random;
        renew();
    }

    /** Draws the secret for the next session. */
    void renew()
    {
        long next;
        do
        {
            next = random.nextLong();
        }
        while (!ByeFrame.isUsableSecret(next) || next == secret);
        secret = next;
    }

    /** @return the secret, for the JOIN. */
    long secret()
    {
        return secret;
    }

    /**
     * @param bye        a complete BYE of this receiver's session, from its sender's address.
     * @param receiverId this receiver's id, or -1 before it was admitted.
     * @return what it means.
     */
    Verdict judge(final ByeFrame bye, final int receiverId)
    {
        if (receiverId < 0 || (bye.receiverId() != ByeFrame.ALL_RECEIVERS && bye.receiverId() != receiverId))
        {
            return Verdict.NOT_OURS;
        }
        if (bye.receiverId() == ByeFrame.ALL_RECEIVERS && !bye.covers(receiverId))
        {
            return Verdict.NOT_OURS; // another page of the final BYE: ours comes in its own datagram
        }
        final int token = bye.tokenFor(receiverId);
        if (token == ByeFrame.completeToken(secret))
        {
            return Verdict.COMPLETE;
        }
        return token == ByeFrame.endedToken(secret) ? Verdict.ENDED : Verdict.FORGED;
    }

    /**
     * @param bye      a BYE that {@linkplain Verdict#ENDED ended} this receiver.
     * @param verified whether it had the whole stream with a matching SHA-256.
     * @return why it ends, the sender's text escaped (it comes from the network).
     */
    static String why(final ByeFrame bye, final boolean verified)
    {
        final String text = PrintableText.escape(bye.text());
        if (verified)
        {
            return "the SHA-256 matched, but the sender ended the session without confirming this receiver: " + text;
        }
        return bye.reason() == ByeFrame.REASON_COMPLETE ? EARLY : text;
    }
}
