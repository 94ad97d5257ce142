package io.netpipe.cli;

import java.io.PrintWriter;
import java.util.List;

import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderListener;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

/**
 * What {@code send} tells the user on stderr: a live line on a terminal, lost receivers always, and a summary
 * line at the end unless quiet. The summary's "retransmitted N.N%" is parsed by the benchmark.
 */
final class SendProgressPrinter implements SenderListener
{
    /** Set NETPIPE_TRACE=1 to get the live line, with the pacing rate, even when stderr is not a terminal. */
    private static final boolean TRACE = null != System.getenv("NETPIPE_TRACE");

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean live;
    private final SendConfig config;
    private final String transport;
    private boolean lineOpen;

    SendProgressPrinter(final PrintWriter err, final boolean quiet, final boolean terminal, final SendConfig config,
        final String transport)
    {
        this.transport = transport;
        this.err = err;
        this.quiet = quiet;
        this.live = (terminal || TRACE) && !quiet;
        this.config = config;
    }

    @Override
    public synchronized void receiverJoined(final ReceiverState receiver)
    {
        if (live)
        {
            println(receiver.describe() + " joined");
        }
    }

    @Override
    public synchronized void transferStarted(final List<ReceiverState> roster)
    {
        if (live)
        {
            println("sending to " + roster.size() + (roster.size() == 1 ? " receiver" : " receivers"));
        }
    }

    @Override
    public synchronized void receiverLost(final ReceiverState receiver, final String why)
    {
        println(receiver.describe() + " lost: " + why);
    }

    /**
     * Redraws the live line from the latest snapshot; called by the progress thread.
     *
     * @param snapshot the sender's latest snapshot, or {@code null} before the first.
     */
    synchronized void progress(final SenderSnapshot snapshot)
    {
        if (!live || null == snapshot)
        {
            return;
        }
        final SenderProgress p = snapshot.progress();
        final String line = p.rosterSize() == 0 || p.elapsedNs() == 0 ?
            "waiting for receivers: " + p.rosterSize() + " of " + config.expectedReceivers() + " joined" :
            String.format("%s sent, %s, %d/%d receivers, %.1f%% resent",
                Human.bytes(p.bytesSent()), Human.rate(p.bytesConfirmed(), p.elapsedNs()), p.liveReceivers(),
                p.rosterSize(), p.retransmitPercent());
        err.print("\r\033[K" + line + (TRACE ? String.format(" rate %.1f MB/s%n", p.rateBytesPerSec() / 1e6) : ""));
        err.flush();
        lineOpen = true;
    }

    synchronized void finished(final SendResult result)
    {
        final SenderProgress p = result.progress();
        final int done = (int)result.receivers().stream().filter(r -> r.state() == ReceiverState.State.DONE).count();
        switch (result.outcome())
        {
            case COMPLETE, RECEIVERS_LOST ->
            {
                if (result.outcome() == SendResult.Outcome.RECEIVERS_LOST)
                {
                    println(result.message());
                }
                if (!quiet)
                {
                    println(String.format("sent %s to %d of %d receivers in %s (%s), retransmitted %.1f%% " +
                        "(%d repairs), feedback %.1f%% of data (%d datagrams), transport %s", Human.bytes(p.bytesSent()),
                        done, p.rosterSize(), Human.seconds(p.elapsedNs()), Human.rate(p.bytesSent(), p.elapsedNs()),
                        p.retransmitPercent(), p.packetsResent(), p.feedbackPercent(), p.feedbackFrames(), transport));
                }
            }
            default -> println(result.message());
        }
    }

    private void println(final String text)
    {
        if (lineOpen)
        {
            err.print("\r\033[K");
            lineOpen = false;
        }
        err.println("netpipe send: " + text);
        err.flush();
    }
}
