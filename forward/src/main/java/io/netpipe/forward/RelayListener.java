package io.netpipe.forward;

import java.net.InetSocketAddress;

/**
 * What a {@link Relay} tells its owner: the CLI turns these into one line each on stderr, tests count them.
 * Called from the relay's threads, possibly concurrently; implementations must be thread-safe and quick.
 */
public interface RelayListener
{
    /** A listener that ignores everything. */
    RelayListener NONE = new RelayListener()
    {
    };

    /**
     * The backend could not be reached for a client; the client has been closed.
     *
     * @param client  the client's address.
     * @param backend the backend's address.
     * @param reason  why, in a few lower-case words (e.g. {@code connection refused}).
     */
    default void connectFailed(final InetSocketAddress client, final InetSocketAddress backend, final String reason)
    {
    }

    /**
     * A relayed pair has been closed, normally or not.
     *
     * @param report what was relayed and why it ended.
     */
    default void closed(final ConnectionReport report)
    {
    }

    /**
     * Accepting a client failed (e.g. out of file descriptors); the relay backs off briefly and keeps listening.
     *
     * @param reason why, in a few lower-case words.
     */
    default void acceptFailed(final String reason)
    {
    }
}
