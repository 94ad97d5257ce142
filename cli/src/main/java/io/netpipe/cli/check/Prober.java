package io.netpipe.cli.check;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sending side of the exchange ({@code netpipe check}): probes the data port every 100 ms until the deadline or
 * until the peers it expects have answered, and confirms each answer back to the peer's data port.
 */
public final class Prober implements Party
{
    /** A probe every 100 ms: a loss costs little time, and three seconds send at most thirty. */
    static final long INTERVAL_NS = 100_000_000L;
    /** More peers than a lab has; a flood of forged answers cannot grow the table further. */
    static final int MAX_PEERS = 256;
    /** Confirms per peer: enough for a few lost ones, bounded against a flood of answers. */
    static final int MAX_CONFIRMS = 10;

    private final InetSocketAddress dest;
    private final long token;
    private final String host;
    private final long startNs;
    private final long deadlineNs;
    private final int expectedPeers;
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    private long nextProbeNs;
    private long lastProbeNs;
    private String sendError;

    private static final class Peer
    {
        final InetSocketAddress from;
        final String host;
        final long roundTripNs;
        int confirms;

        Peer(final InetSocketAddress from, final String host, final long roundTripNs)
        {
            this.from = from;
            this.host = host;
            this.roundTripNs = roundTripNs;
        }
    }

    /**
     * @param dest          the data port's destination (broadcast address or group).
     * @param token         this run's random token.
     * @param host          this host's name, sent along.
     * @param startNs       the clock now.
     * @param waitNs        how long to probe.
     * @param expectedPeers how many peers must answer (0: any number, none is only a warning).
     */
    public Prober(final InetSocketAddress dest, final long token, final String host, final long startNs,
        final long waitNs, final int expectedPeers)
    {
        this.dest = dest;
        this.token = token;
        this.host = host;
        this.startNs = startNs;
        this.deadlineNs = startNs + waitNs;
        this.expectedPeers = expectedPeers;
        this.nextProbeNs = startNs;
    }

    @Override
    public List<Outgoing> poll(final long nowNs)
    {
        if (enough() || nowNs < nextProbeNs || nowNs >= deadlineNs || null != sendError)
        {
            return List.of();
        }
        nextProbeNs = nowNs + INTERVAL_NS;
        lastProbeNs = nowNs;
        return List.of(new Outgoing(dest, new CheckFrame(CheckFrame.Type.PROBE, token, 0, host)));
    }

    @Override
    public List<Outgoing> onFrame(final CheckFrame frame, final InetSocketAddress from, final long nowNs)
    {
        if (frame.type() != CheckFrame.Type.ANSWER || frame.probeToken() != token)
        {
            return List.of();
        }
        Peer peer = peers.get(frame.answerToken());
        if (null == peer)
        {
            if (peers.size() >= MAX_PEERS)
            {
                return List.of();
            }
            peer = new Peer(from, frame.host(), nowNs - lastProbeNs);
            peers.put(frame.answerToken(), peer);
        }
        if (peer.confirms >= MAX_CONFIRMS)
        {
            return List.of();
        }
        peer.confirms++;
        return List.of(new Outgoing(from, new CheckFrame(CheckFrame.Type.CONFIRM, token, frame.answerToken(), host)));
    }

    @Override
    public void sendFailed(final InetSocketAddress to, final String cause)
    {
        if (null == sendError)
        {
            sendError = "cannot send to " + to.getAddress().getHostAddress() + " port " + to.getPort() + ": " + cause;
        }
    }

    private boolean enough()
    {
        return expectedPeers > 0 && peers.size() >= expectedPeers;
    }

    @Override
    public boolean done(final long nowNs)
    {
        return enough() || nowNs >= deadlineNs || null != sendError;
    }

    @Override
    public long nextWakeNs()
    {
        return Math.min(nextProbeNs, deadlineNs);
    }

    @Override
    public List<Finding> findings()
    {
        final String to = dest.getAddress().getHostAddress() + " port " + dest.getPort();
        final List<Finding> findings = new ArrayList<>();
        if (null != sendError)
        {
            findings.add(Finding.fail("exchange: " + Escape.text(sendError, 200)));
            return findings;
        }
        for (final Peer p : peers.values())
        {
            findings.add(Finding.ok(String.format("exchange: peer '%s' (%s) heard the probe to %s and its answer came" +
                " back to port %d (%.1f ms)", Escape.text(p.host, 64), p.from.getAddress().getHostAddress(), to,
                dest.getPort() + 1, p.roundTripNs / 1e6)));
        }
        final String within = String.format("%.1f s", (deadlineNs - startNs) / 1e9);
        if (peers.size() < expectedPeers)
        {
            findings.add(Finding.fail("exchange: " + peers.size() + " of " + expectedPeers + " peers answered the probes to " +
                to + " within " + within + ": see the peer's own findings (its firewall, interface, port)"));
        }
        else if (peers.isEmpty())
        {
            findings.add(Finding.warning("exchange: no peer answered the probes to " + to + " within " + within +
                ": run 'netpipe check --peer' on a receiver at the same time to test the path"));
        }
        return findings;
    }
}
