package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * Keeps the sender in earshot: renews the multicast memberships the network may have lost, and tells when the
 * sender has been silent past the limit.
 * <p>
 * A sender announces every 100 ms while it seeks and heartbeats every 20 ms when it has nothing else to send, so
 * {@link #RENEW_AFTER_SILENCE_NS} of silence means the datagrams are not reaching us; for a multicast session the
 * likeliest cause is a switch that never registered our membership report, which only a new report mends. Joining,
 * the silent group is the rendezvous group the announcements come on, later the session's: both are renewed
 * ({@link GroupMembership#renew()}). Waiting for a session, nothing says a sender is there to hear, so the
 * memberships are renewed on a slowing schedule instead ({@link #waiting}).
 * <p>
 * Unless the silence is this receiver's own: a host too busy to run the receiver's duty cycle (32 receivers on two
 * cores) reads nothing while descheduled, and on waking finds the sender "silent" for as long as it slept, with
 * the switch blameless. So each cycle's lateness (its gap beyond {@link #LATE_CYCLE_NS}) is not counted as
 * silence: only silence seen while running renews the membership; a silence long only because the receiver was
 * descheduled is counted apart ({@link #descheduledSilences()}) and never blames the switch.
 */
final class SenderWatch
{
    static final long RENEW_AFTER_SILENCE_NS = 250_000_000L;
    static final long RENEW_INTERVAL_NS = 500_000_000L;
    /**
     * A duty cycle runs every 10 ms or sooner (it blocks at most {@link FeedbackSchedule#timerSlackNs()} for a
     * datagram, and a sender heartbeats every 20 ms); a longer gap between two cycles is time this receiver was not
     * running.
     */
    static final long LATE_CYCLE_NS = 20_000_000L;
    /**
     * The sender's silence a member waits out before any data came, however short {@code --sender-timeout}: a sender
     * initializing a crowd on a host it shares with it can be starved of CPU for seconds (64 lab receivers starting
     * at once on 2 cores silenced one for 4 s); once data flows, {@code --sender-timeout} alone judges.
     */
    static final long BEFORE_DATA_SILENCE_NS = 10_000_000_000L;
    /** Silence before the first renewal while waiting for a session: a seeking sender announces every 100 ms. */
    static final long WAIT_RENEW_FIRST_NS = 1_000_000_000L;
    static final long WAIT_RENEW_MAX_NS = 32_000_000_000L;

    private final GroupMembership membership;
    private final long silenceLimitNs;
    /** The session's multicast group, or null for broadcast. */
    private Inet4Address group;
    private long lastHeardNs;
    /**
     * When the sender was surely still sending: the previous duty cycle's time, for what this one read. A receiver
     * that was itself descheduled reads datagrams that may have waited in its socket all that while.
     */
    private long surelyHeardNs;
    private long nextRenewNs;
    private long renewals;
    private long lastCheckNs;
    /** Of the current silence, how much passed while this receiver was not running its duty cycle. */
    private long lateNs;
    private long descheduledSilences;
    private boolean silenceCounted;
    private boolean waitStarted;
    private long waitRenewAfterNs = WAIT_RENEW_FIRST_NS;

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
        heard(nowNs);
        lastCheckNs = nowNs;
        surelyHeardNs = nowNs;
        if (null != group)
        {
            membership.join(group);
        }
    }

    /** @param nowNs when the sender was heard (while waiting: any announcement). */
    void heard(final long nowNs)
    {
        lastHeardNs = nowNs;
        waitRenewAfterNs = WAIT_RENEW_FIRST_NS;
        surelyHeardNs = Math.max(surelyHeardNs, lastCheckNs);
        lateNs = 0;
        silenceCounted = false;
    }

    /** @return how long the sender has been silent at {@code nowNs}. */
    long silentNs(final long nowNs)
    {
        return nowNs - lastHeardNs;
    }

    /**
     * @param nowNs now.
     * @return how long the sender may have been silent: since the duty cycle before the one that last heard it.
     *         64 lab receivers on 2 cores, descheduled for 0.1 s and more, took heartbeats that had waited that long
     *         for a sender heard just now, and sent the news it was not running to take.
     */
    long mayBeSilentNs(final long nowNs)
    {
        return nowNs - surelyHeardNs;
    }

    /**
     * While waiting for a session, renews the memberships after {@link #WAIT_RENEW_FIRST_NS} without an announcement,
     * then after twice as long each time, up to {@link #WAIT_RENEW_MAX_NS}: a receiver deaf to the rendezvous group
     * (its report suppressed, or its registration expired because its answers to general queries were) would
     * otherwise never hear a session, while one that is not deaf pays a few IGMP reports a minute. These are
     * routine, not counted.
     *
     * @param nowNs now.
     */
    void waiting(final long nowNs)
    {
        if (!waitStarted)
        {
            waitStarted = true;
            lastHeardNs = nowNs;
        }
        if (nowNs - lastHeardNs >= waitRenewAfterNs)
        {
            lastHeardNs = nowNs; // the next interval counts from this renewal
            waitRenewAfterNs = Math.min(2 * waitRenewAfterNs, WAIT_RENEW_MAX_NS);
            renewQuietly(); // tried again after the next interval
        }
    }

    private void renewQuietly()
    {
        try
        {
            membership.renew();
        }
        catch (final IOException ex)
        {
            // The caller's schedule tries again.
        }
    }

    /** @return how many times the membership was renewed: the group fell silent while this receiver ran. */
    long renewals()
    {
        return renewals;
    }

    /** @return silences long enough to renew for, but only because this receiver was itself descheduled. */
    long descheduledSilences()
    {
        return descheduledSilences;
    }

    /**
     * Renews the membership when the sender fell silent, and judges the silence by {@code --sender-timeout}.
     *
     * @param backlog whether datagrams are still queued unread (they may be the sender's).
     * @param nowNs   now.
     * @return whether the sender has been silent past the limit.
     */
    boolean check(final boolean backlog, final long nowNs)
    {
        return check(backlog, nowNs, true);
    }

    /**
     * Renews the membership when the sender fell silent, and judges the silence.
     *
     * @param backlog  whether datagrams are still queued unread (they may be the sender's).
     * @param nowNs    now.
     * @param dataCame whether any of the session's data came: before, up to {@link #BEFORE_DATA_SILENCE_NS} is
     *                 waited out.
     * @return whether the sender has been silent past the limit.
     */
    boolean check(final boolean backlog, final long nowNs, final boolean dataCame)
    {
        final long silenceNs = nowNs - lastHeardNs;
        final long gapNs = Math.min(nowNs - lastCheckNs, silenceNs);
        lastCheckNs = nowNs;
        lateNs += Math.max(0, gapNs - LATE_CYCLE_NS);
        if (null != group && silenceNs >= RENEW_AFTER_SILENCE_NS && silenceNs - lateNs < RENEW_AFTER_SILENCE_NS)
        {
            // We were not listening, not the switch deaf: a new membership report would mend nothing.
            if (!silenceCounted)
            {
                silenceCounted = true;
                descheduledSilences++;
            }
        }
        else if (null != group && silenceNs >= RENEW_AFTER_SILENCE_NS && nowNs - nextRenewNs >= 0)
        {
            nextRenewNs = nowNs + RENEW_INTERVAL_NS;
            renewals++;
            renewQuietly(); // tried again at the next interval; if the group stays silent, the silence limit decides
        }
        // Datagrams still queued may be the sender's: while some are, wait up to twice the limit before judging.
        final long limitNs = dataCame ? silenceLimitNs : Math.max(silenceLimitNs, BEFORE_DATA_SILENCE_NS);
        return nowNs - lastHeardNs > (backlog ? 2 * limitNs : limitNs);
    }
}
