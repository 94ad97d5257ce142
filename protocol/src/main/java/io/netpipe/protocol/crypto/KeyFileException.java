package io.netpipe.protocol.crypto;

/**
 * A key file that cannot be used: missing, unreadable, open to group or others, or malformed. The message is one
 * sentence naming the file and what to do, never the key.
 */
public final class KeyFileException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** @param message one sentence, without a trailing period. */
    public KeyFileException(final String message)
    {
        super(message, null, false, false);
    }
}
