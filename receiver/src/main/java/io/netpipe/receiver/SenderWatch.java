package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * Keeps the sender in earshot: renews a multicast membership the network may have lost, and tells when the sender
 * has been silent past the limit.
 * <p>
 * A sender heartbeats every 20 ms when it has nothing else to send, so {@link #RENEW_AFTER_SILENCE_NS} of silence
 * means the datagrams are not reaching us; for a multicast session the likeliest cause is a switch that never
 * registered our membership report, which only a new report mends.
 */
final class SenderWatch
{
    static final long RENEW_AFTER_SILENCE_NS = 250_000_000L;
    static final long RENEW_INTERVAL_NS = 500_000_000L;

    private final GroupMembership membership;
    private final long silenceLimitNs;
    /** The session's multicast group, or null for broadcast. */
    private Inet4Address group;
    private long lastHeardNs;
    private long nextRenewNs;
    private long renewals;

    /**
     * @param membership     joins and renews groups.
     * @param silenceLimitNs how long the sender may be silent mid-session.
     */
    SenderWatch(final GroupMembership membership, final long silenceLimitNs)
    {
        this.membership = membership;
        this.silenceLimitNs = silenceLimitNs;
    }

    /**
     * Joins the session's group, if it has one.
     *
     * @param sessionGroup the group, or {@code null} for broadcast.
     * @param nowNs        now.
     * @throws IOException when the join fails.
     */
    void follow(final Inet4Address sessionGroup, final long nowNs) throws IOException
    {
        group = sessionGroup;
        lastHeardNs = nowNs;
        if (null != group)
        {
            membership.join(group);
        }
    }

    /** @param nowNs when the sender was heard. */
    void heard(final long nowNs)
    {
        lastHeardNs = nowNs;
    }

    /** @return how long the sender has been silent at {@code nowNs}. */
    long silentNs(final long nowNs)
    {
        return nowNs - lastHeardNs;
    }

    /** @return how many times the membership was renewed. */
    long renewals()
    {
        return renewals;
    }

    /**
     * Renews the membership when the sender fell silent, and judges the silence.
     *
     * @param backlog whether datagrams are still queued unread (they may be the sender's).
     * @param nowNs   now.
     * @return whether the sender has been silent past the limit.
     */
    boolean check(final boolean backlog, final long nowNs)
    {
        if (null != group && nowNs - lastHeardNs >= RENEW_AFTER_SILENCE_NS && nowNs - nextRenewNs >= 0)
        {
            nextRenewNs = nowNs + RENEW_INTERVAL_NS;
            renewals++;
            try
            {
                membership.renew(group);
            }
            catch (final IOException ex)
            {
                // Tried again at the next interval; if the group stays silent, the silence limit decides.
            }
        }
        // Datagrams still queued may be the sender's: while some are, wait up to twice the limit before judging.
        return nowNs - lastHeardNs > (backlog ? 2 * silenceLimitNs : silenceLimitNs);
    }
}
