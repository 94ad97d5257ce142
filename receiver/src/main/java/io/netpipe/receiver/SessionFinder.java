package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.netpipe.agent.NanoClock;
import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionTag;

/**
 * Finds a session to join and follows its announcements until this receiver is listed: it picks the first
 * session that is still seeking (ignoring one that started without it), and tells the agent when it is admitted
 * or left out. It decides; the {@link ReceiverAgent} acts.
 */
final class SessionFinder
{
    /** What an announcement means for this receiver. */
    enum Verdict
    {
        /** Nothing for us (another session, or one we ignore). */
        IGNORED,
        /** Malformed: counted as a bad frame. */
        INVALID,
        /** A seeking session found: start joining it. */
        FOUND,
        /** Our session, still seeking, we are not listed yet. */
        PENDING,
        /** Our session lists us: admitted. */
        ADMITTED,
        /** Our session started without us. */
        LEFT_OUT,
        /** Our session, which we are a member of, is confirming its roster. */
        CONFIRM
    }

    /**
     * Silence after which a waiting receiver says what it listens on and what usually blocks it: a sender
     * announces every few hundred milliseconds while it seeks, so 10 s of nothing is a setup problem, not bad luck.
     */
    static final long NO_SESSION_HINT_NS = 10_000_000_000L;

    private final RecvConfig config;
    private final int trailerLength;
    private final ReceiverListener listener;
    private final StreamWriter writer;
    private final StatusReporter reporter;
    private final SenderWatch watch;
    private final long nonce;
    private final long startNs;
    private ReceiveSession session;
    private int ignoredSessionId;
    /** The session last abandoned while joining: it may come back initializing, with this receiver listed. */
    private int abandonedId;
    private int candidateId;
    private InetSocketAddress candidateSender;
    private int candidatePacketSize;
    private Inet4Address candidateGroup;
    private int listedAs = -1;
    private final RosterPages rosterPages = new RosterPages();
    private final JoinSchedule joins = new JoinSchedule();
    /** Whether any valid announcement was heard, or the hint given: either way, no (more) hint. */
    private boolean heardOrHinted;

    /**
     * @param config   the receiver's configuration.
     * @param trailer  the trailer length of the receiver's sealing.
     * @param listener hears what is found.
     * @param writer   the writer a found session's ring is handed to.
     * @param reporter sends JOINs and, once admitted, reports.
     * @param watch    follows the sender of a found session.
     * @param nonce    this receiver's nonce, looked for in rosters.
     * @param startNs  when the receiver started waiting.
     */
    SessionFinder(final RecvConfig config, final int trailer, final ReceiverListener listener,
        final StreamWriter writer, final StatusReporter reporter, final SenderWatch watch, final long nonce,
        final long startNs)
    {
        this.startNs = startNs;
        this.config = config;
        this.trailerLength = trailer;
        this.listener = listener;
        this.writer = writer;
        this.reporter = reporter;
        this.watch = watch;
        this.nonce = nonce;
        this.ignoredSessionId = config.ignoredSessionId();
    }

    /**
     * Judges the wait for a session, keeps renewing the memberships while no announcement comes
     * ({@link SenderWatch#waiting}), and says once when no session at all was heard for {@link #NO_SESSION_HINT_NS}.
     *
     * @param nowNs now.
     * @return whether waiting for a session has lasted longer than {@code --timeout} allows.
     */
    boolean waitedTooLong(final long nowNs)
    {
        watch.waiting(nowNs);
        if (!heardOrHinted && nowNs - startNs >= NO_SESSION_HINT_NS)
        {
            heardOrHinted = true;
            listener.noSessionHeard(nowNs - startNs);
        }
        return config.waitTimeoutNs() > 0 && nowNs - startNs > config.waitTimeoutNs();
    }

    /** @return the session found, {@code null} while waiting. */
    ReceiveSession session()
    {
        return session;
    }

    int sessionId()
    {
        return candidateId;
    }

    InetSocketAddress sender()
    {
        return candidateSender;
    }

    int packetSize()
    {
        return candidatePacketSize;
    }

    /** @return the session's multicast group, or {@code null} for broadcast. */
    Inet4Address group()
    {
        return candidateGroup;
    }

    /**
     * Asks to join the session found when a JOIN is due ({@link JoinSchedule}).
     *
     * @param nowNs now.
     * @param clock tells when the JOIN went.
     * @return whether one went.
     * @throws IOException when sending fails.
     */
    boolean joinIfDue(final long nowNs, final NanoClock clock) throws IOException
    {
        if (!joins.isDue(nowNs))
        {
            return false;
        }
        reporter.sendJoin(config.name());
        final long sentNs = clock.nanoTime();
        joins.sent(sentNs);
        reporter.joined(sentNs);
        return true;
    }

    /** @return this receiver's id once admitted. */
    int receiverId()
    {
        return listedAs;
    }

    /**
     * @param announce the frame, verified.
     * @param from     its source.
     * @param session  its session id.
     * @param joining  whether this receiver is joining or a member already (false: still waiting).
     * @param nowNs    now.
     * @return what it means.
     * @throws IOException when joining the session's multicast group fails.
     */
    Verdict onAnnounce(final AnnounceFrame announce, final InetSocketAddress from, final int session,
        final boolean joining, final long nowNs) throws IOException
    {
        final Phase phase = Phase.get(announce.phaseCode());
        final int packetSize = announce.packetSize();
        final Inet4Address group = groupOf(announce.group());
        if (null == phase || packetSize < DataFrame.MIN_PACKET_SIZE || packetSize > DataFrame.MAX_PACKET_SIZE ||
            (announce.group() != 0 && null == group))
        {
            return Verdict.INVALID;
        }
        heardOrHinted = true; // a sender reaches us, if perhaps not the one we want: the network is not the problem
        if (!joining)
        {
            watch.heard(nowNs); // the rendezvous group reaches us: no renewal needed while waiting
            final Verdict verdict = consider(from, session, phase, packetSize, group);
            if (verdict == Verdict.FOUND)
            {
                joins.reset(Math.max(announce.expected(), announce.rosterSize()));
                open(nowNs);
            }
            return verdict;
        }
        if (session != candidateId)
        {
            return Verdict.IGNORED;
        }
        watch.heard(nowNs);
        reporter.groupSize(Math.max(announce.expected(), announce.rosterSize()));
        if (listedAs >= 0)
        {
            return phase == Phase.INIT ? Verdict.CONFIRM : Verdict.PENDING;
        }
        for (int i = 0; i < announce.entryCount(); i++)
        {
            if (announce.nonce(i) == nonce)
            {
                listedAs = announce.firstId() + i;
                listener.admitted(listedAs);
                reporter.admitted(listedAs);
                return Verdict.ADMITTED;
            }
        }
        if (phase == Phase.SEEK || !rosterPages.heardAll(announce))
        {
            return Verdict.PENDING;
        }
        listener.notice("session " + Integer.toHexString(session) + " started without this receiver " +
            "(too many receivers?); waiting for the next one");
        ignoredSessionId = session;
        candidateId = 0;
        this.session = null;
        return Verdict.LEFT_OUT;
    }

    /**
     * Forgets the session found, which never listed this receiver before its sender fell silent (a stale or replayed
     * ANNOUNCE, a sender that died seeking, one starved of CPU on a crowded host, or a switch deaf to every renewed
     * report): back to waiting, for the next session or for this one, should it come back seeking or initializing
     * (see {@link #consider}).
     */
    void abandon()
    {
        listener.notice("session " + Integer.toHexString(candidateId) + " from " +
            candidateSender.getAddress().getHostAddress() + " never started (its sender fell silent); waiting for " +
            "it to come back or for the next one");
        abandonedId = candidateId;
        candidateId = 0;
        session = null;
    }

    /** Sets up reassembly for the session found and starts following its sender. */
    private void open(final long nowNs) throws IOException
    {
        session = new ReceiveSession(new SessionGeometry(candidatePacketSize, trailerLength), config.bufferBytes(),
            writer);
        reporter.start(candidateId, session, candidateSender);
        watch.follow(candidateGroup, nowNs);
    }

    private Verdict consider(final InetSocketAddress from, final int session, final Phase phase, final int packetSize,
        final Inet4Address group)
    {
        if (session == ignoredSessionId || session == 0 || !SessionTag.matches(session, config.sessionName()))
        {
            // Another --session's announcements are not ours: ignored quietly, they may go on for hours.
            return Verdict.IGNORED;
        }
        // A session abandoned while joining may have admitted this receiver before its sender went quiet (a sender
        // starved of CPU by a crowd of receivers starting at once): initializing, its roster says whether it did.
        if (phase != Phase.SEEK && !(phase == Phase.INIT && session == abandonedId))
        {
            ignoredSessionId = session;
            listener.notice("session " + Integer.toHexString(session) + " from " + from.getAddress().getHostAddress() +
                " has already started; waiting for the next one");
            return Verdict.IGNORED;
        }
        candidateId = session;
        candidateSender = from;
        candidatePacketSize = packetSize;
        candidateGroup = group;
        listedAs = -1;
        rosterPages.clear();
        listener.sessionFound(from, session);
        return Verdict.FOUND;
    }

    /** @return the group ANNOUNCE names, {@code null} for none (0) or for an address that is not multicast. */
    private static Inet4Address groupOf(final int wire)
    {
        try
        {
            final InetAddress address = InetAddress.getByAddress(new byte[] {
                (byte)(wire >>> 24), (byte)(wire >>> 16), (byte)(wire >>> 8), (byte)wire});
            return address.isMulticastAddress() ? (Inet4Address)address : null;
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }
}
