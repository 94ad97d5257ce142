package io.netpipe.sender;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netpipe.protocol.Phase;

/**
 * The first two phases: seek (announce the session until enough receivers joined, or the wait ran out) and init
 * (announce the fixed roster until every listed receiver confirmed), and admission of JOINs. Afterwards it keeps
 * announcing, slowly, so late receivers learn that the session started without them.
 */
final class Rendezvous
{
    private static final long SEEK_ANNOUNCE_INTERVAL_NS = 100_000_000L;
    private static final long INIT_ANNOUNCE_INTERVAL_NS = 20_000_000L;
    private static final long TRANSFER_ANNOUNCE_INTERVAL_NS = 1_000_000_000L;

    /** What a seek step decided. */
    enum Verdict
    {
        /** Keep waiting for receivers. */
        WAIT,
        /** Enough joined: fix the roster. */
        START,
        /** The wait ran out with too few. */
        TIMED_OUT
    }

    private final SendConfig config;
    private final Roster roster;
    private final ControlFrames control;
    private final SenderListener listener;
    private final long startNs;
    private final Strangers strangers = new Strangers();
    private long nextAnnounceNs;
    /** The lowest id admitted since the last announcement: only its page and later ones changed. */
    private int changedFromId = Integer.MAX_VALUE;

    Rendezvous(final SendConfig config, final Roster roster, final ControlFrames control,
        final SenderListener listener, final long startNs)
    {
        this.config = config;
        this.roster = roster;
        this.control = control;
        this.listener = listener;
        this.startNs = startNs;
        this.nextAnnounceNs = startNs;
    }

    /**
     * Receivers admitted beyond {@code -n}: JOINs that arrive in the same burst as the last one awaited still get
     * in, but a flood of JOINs (forged, or from a crowd of receivers meant for another session) cannot fill the
     * roster and lock out the receivers waited for.
     */
    static final int ADMISSION_MARGIN = 8;

    /** @return the most receivers admitted: {@code -n} (which {@code --max-wait} also waits for) plus the margin. */
    int admissionLimit()
    {
        return config.expectedReceivers() + ADMISSION_MARGIN;
    }

    /** @return the fewest receivers the session may start with after {@code --max-wait}. */
    private int minReceivers()
    {
        return Math.max(1, config.minReceivers());
    }

    Verdict seek(final long nowNs) throws IOException
    {
        announceIfDue(Phase.SEEK, SEEK_ANNOUNCE_INTERVAL_NS, nowNs);
        final int joined = roster.size();
        final boolean waited = config.maxWaitNs() > 0 && nowNs - startNs >= config.maxWaitNs();
        if (joined >= config.expectedReceivers() || (waited && joined >= minReceivers()))
        {
            nextAnnounceNs = nowNs;
            return Verdict.START;
        }
        return waited ? Verdict.TIMED_OUT : Verdict.WAIT;
    }

    /** @return what was heard but not taken on the feedback port. */
    Strangers strangers()
    {
        return strangers;
    }

    /**
     * @return why the session could not start, after {@link Verdict#TIMED_OUT}: how many joined, where it
     *         announced, and what it heard instead (receivers of another session, version or key).
     */
    String timeoutMessage()
    {
        final InetSocketAddress data = config.dataDestination();
        final String announce = config.announceDestination().equals(data) ? "" :
            " (announced on " + config.announceDestination().getAddress().getHostAddress() + ")";
        return "only " + roster.size() + " of " + minReceivers() + " receivers joined within " +
            config.maxWaitNs() / 1_000_000_000.0 + " s, sending to " + data.getAddress().getHostAddress() +
            " port " + data.getPort() + announce + ", feedback on port " + (data.getPort() + 1) + strangers.summary();
    }

    /**
     * Announces the fixed roster until every listed receiver confirmed.
     *
     * @param nowNs now.
     * @return whether every receiver still live has confirmed.
     */
    boolean init(final long nowNs) throws IOException
    {
        announceIfDue(Phase.INIT, INIT_ANNOUNCE_INTERVAL_NS, nowNs);
        if (roster.count(ReceiverState.State.JOINED) > 0)
        {
            return false;
        }
        nextAnnounceNs = nowNs + TRANSFER_ANNOUNCE_INTERVAL_NS;
        return true;
    }

    void transfer(final long nowNs) throws IOException
    {
        announceIfDue(Phase.TRANSFER, TRANSFER_ANNOUNCE_INTERVAL_NS, nowNs);
    }

    private void announceIfDue(final Phase phase, final long intervalNs, final long nowNs) throws IOException
    {
        // Every page each interval; newcomers are announced at once, but only the pages from the first newcomer's
        // on (a crowd joining in one duty cycle costs a few pages, not the whole roster per JOIN).
        if (nowNs >= nextAnnounceNs)
        {
            control.announce(phase, roster, 0);
            nextAnnounceNs = nowNs + intervalNs;
            changedFromId = Integer.MAX_VALUE;
        }
        else if (changedFromId < roster.size())
        {
            control.announce(phase, roster, changedFromId);
            changedFromId = Integer.MAX_VALUE;
        }
    }

    /**
     * Takes a JOIN: a known receiver is alive (from the address it joined from); a new one is admitted while seeking
     * and fewer than {@link #admissionLimit()} are in, and the
     * pages from its one on go out at once so it learns its id.
     *
     * @param seeking whether the session is still seeking.
     * @param nonce   the receiver's nonce.
     * @param secret  the receiver's end secret.
     * @param from    where it sent from.
     * @param name    its host name.
     * @param window  its reassembly window in packets.
     * @param nowNs   now.
     */
    void onJoin(final boolean seeking, final long nonce, final long secret, final InetSocketAddress from,
        final String name, final int window, final long nowNs)
    {
        final ReceiverState known = roster.byNonce(nonce);
        if (null != known)
        {
            // Nonces are announced in clear: only the address it joined from may keep it alive, and only with the
            // secret it joined with (which is never replaced: a JOIN that changed it would learn the BYE's tokens).
            if (from.equals(known.address()) && secret == known.endSecret())
            {
                known.lastHeardNs = nowNs;
            }
        }
        else if (!seeking)
        {
            strangers.refused(from, name, "joined after the transfer started");
        }
        else if (window <= 0)
        {
            strangers.refused(from, name, "offered no reassembly window");
        }
        else if (roster.size() >= admissionLimit())
        {
            strangers.refused(from, name, "the roster was full at " + roster.size());
        }
        else
        {
            final ReceiverState r = roster.admit(nonce, secret, from, name, window, nowNs);
            if (null != r)
            {
                listener.receiverJoined(r);
                changedFromId = Math.min(changedFromId, r.id());
            }
            else
            {
                strangers.refused(from, name, "the roster was full at " + roster.size());
            }
        }
    }
}
