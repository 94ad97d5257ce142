package io.netpipe.cli.check;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiving side of the exchange ({@code netpipe check --peer}): answers the first prober it hears, to the
 * prober's feedback port, until the prober confirms or the deadline passes.
 */
public final class Responder implements Party
{
    /** Answers in all: one per probe, bounded against a flood of forged probes. */
    static final int MAX_ANSWERS = 100;

    private final int port;
    private final long token;
    private final String host;
    private final long startNs;
    private final long deadlineNs;
    private InetSocketAddress prober;
    private String proberHost;
    private long probeToken;
    private int answers;
    private boolean confirmed;
    private String sendError;

    /**
     * @param port    the data port P (answers go to the prober's P+1).
     * @param token   this run's random token.
     * @param host    this host's name, sent along.
     * @param startNs the clock now.
     * @param waitNs  how long to wait for a prober.
     */
    public Responder(final int port, final long token, final String host, final long startNs, final long waitNs)
    {
        this.port = port;
        this.token = token;
        this.host = host;
        this.startNs = startNs;
        this.deadlineNs = startNs + waitNs;
    }

    @Override
    public List<Outgoing> poll(final long nowNs)
    {
        return List.of();
    }

    @Override
    public List<Outgoing> onFrame(final CheckFrame frame, final InetSocketAddress from, final long nowNs)
    {
        if (frame.type() == CheckFrame.Type.PROBE)
        {
            if (null == prober)
            {
                prober = from;
                proberHost = frame.host();
                probeToken = frame.probeToken();
            }
            if (frame.probeToken() != probeToken || answers >= MAX_ANSWERS || confirmed)
            {
                return List.of();
            }
            answers++;
            // To the feedback port, as a receiver's STATUS goes: the path netpipe itself needs.
            return List.of(new Outgoing(new InetSocketAddress(from.getAddress(), port + 1),
                new CheckFrame(CheckFrame.Type.ANSWER, probeToken, token, host)));
        }
        if (frame.type() == CheckFrame.Type.CONFIRM && null != prober && frame.probeToken() == probeToken &&
            frame.answerToken() == token)
        {
            confirmed = true;
        }
        return List.of();
    }

    @Override
    public void sendFailed(final InetSocketAddress to, final String cause)
    {
        if (null == sendError)
        {
            sendError = "cannot answer to " + to.getAddress().getHostAddress() + " port " + to.getPort() + ": " + cause;
        }
    }

    @Override
    public boolean done(final long nowNs)
    {
        return confirmed || nowNs >= deadlineNs;
    }

    @Override
    public long nextWakeNs()
    {
        return deadlineNs;
    }

    @Override
    public List<Finding> findings()
    {
        final String within = String.format("%.1f s", (deadlineNs - startNs) / 1e9);
        final List<Finding> findings = new ArrayList<>();
        if (null == prober)
        {
            findings.add(Finding.fail("exchange: no probe arrived on UDP port " + port + " within " + within + ": is" +
                " 'netpipe check' running on the sender with the same --port and a --dest this host hears (its" +
                " broadcast address, or a group given here too)? A firewall on either host stops probes too"));
            return findings;
        }
        final String who = "'" + Escape.text(proberHost, 64) + "' (" + prober.getAddress().getHostAddress() + ")";
        findings.add(Finding.ok("exchange: a probe from " + who + " arrived on UDP port " + port));
        if (null != sendError)
        {
            findings.add(Finding.fail("exchange: " + Escape.text(sendError, 200)));
        }
        else if (confirmed)
        {
            findings.add(Finding.ok("exchange: " + who + " confirmed our answer to its port " + (port + 1) +
                ": feedback reaches the sender"));
        }
        else
        {
            findings.add(Finding.fail("exchange: " + who + " never confirmed our " + answers + " answers to its port " +
                (port + 1) + " within " + within + ": feedback does not reach the sender (a firewall there on UDP port " +
                (port + 1) + ", or here on UDP port " + port + " for its confirmation)"));
        }
        return findings;
    }
}
