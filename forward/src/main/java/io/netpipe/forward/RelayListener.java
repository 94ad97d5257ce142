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
     * Accepting a client failed (e.g. out of file descriptors): the first failure of an episode. The relay keeps
     * trying with a growing wait (up to a second) and reports the end of the episode to
     * {@link #acceptRecovered}.
     *
     * @param reason why, in a few lower-case words.
     */
    default void acceptFailed(final String reason)
    {
    }

    /**
     * Accepting works again after an episode of failures.
     *
     * @param reason     why the first accept of the episode failed.
     * @param failures   how many accepts failed in the episode.
     * @param durationNs from the first failure to the accept that worked.
     */
    default void acceptRecovered(final String reason, final long failures, final long durationNs)
    {
    }
}
