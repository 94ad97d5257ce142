package io.netpipe.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderListener;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

/**
 * What {@code send} tells the user on stderr. On a terminal, the {@link LiveView} redrawn in place on every tick
 * (notices scroll above it, and it stays on screen at the end); otherwise its plain lines every
 * {@code plainPeriodNs}; receivers lost always; a summary line at the end unless quiet. The summary's
 * "retransmitted N.N%" is parsed by the benchmark.
 */
final class SendProgressPrinter implements SenderListener
{
    /** Set NETPIPE_TRACE=1 to get the plain lines on every tick, with the pacing rate, when stderr is not a terminal. */
    private static final boolean TRACE = null != System.getenv("NETPIPE_TRACE");
    private static final String PREFIX = "netpipe send: ";

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final LiveView view;
    private final LongSupplier clock;
    private final Supplier<Terminal.Size> size;
    private final long plainPeriodNs;
    private final String transport;
    /** Lines of the live view now on screen, the cursor at the end of the last: 0 when none is drawn. */
    private int drawn;
    private long nextPlainNs;
    /** The terminal size the frame on screen was fitted to. */
    private Terminal.Size drawnFor;

    /**
     * @param err           standard error.
     * @param quiet         {@code -q}: errors only.
     * @param terminal      whether {@code err} is a terminal.
     * @param view          the renderer.
     * @param clock         now, on the snapshots' clock.
     * @param size          the terminal's size, asked before each redraw (it may change).
     * @param plainPeriodNs between plain progress reports when not a terminal; 0 for none.
     * @param transport     the transport's name, for the summary.
     */
    SendProgressPrinter(final PrintWriter err, final boolean quiet, final boolean terminal, final LiveView view,
        final LongSupplier clock, final Supplier<Terminal.Size> size, final long plainPeriodNs, final String transport)
    {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.view = view;
        this.clock = clock;
        this.size = size;
        this.plainPeriodNs = plainPeriodNs;
        this.transport = transport;
        this.nextPlainNs = clock.getAsLong() + plainPeriodNs;
    }

    @Override
    public synchronized void receiverJoined(final ReceiverState receiver)
    {
        if (!quiet && (terminal || TRACE))
        {
            println(receiver.describe() + " joined");
        }
    }

    @Override
    public synchronized void transferStarted(final List<ReceiverState> roster)
    {
        if (!quiet && (terminal || TRACE))
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
     * Redraws the live view, or prints the plain lines when due; called by the progress thread.
     *
     * @param snapshot the sender's latest snapshot, or {@code null} before the first.
     */
    synchronized void progress(final SenderSnapshot snapshot)
    {
        if (quiet || null == snapshot)
        {
            return;
        }
        final long nowNs = clock.getAsLong();
        if (terminal)
        {
            draw(snapshot, nowNs);
        }
        else if (TRACE || (plainPeriodNs > 0 && nowNs >= nextPlainNs && snapshot.progress().elapsedNs() > 0))
        {
            nextPlainNs = nowNs + plainPeriodNs;
            plain(snapshot, nowNs);
        }
    }

    /**
     * Draws the view a last time (it stays on a terminal; a log gets the receivers' final lines), then the outcome.
     *
     * @param result   how the session ended.
     * @param snapshot the final snapshot, or {@code null}.
     */
    synchronized void finished(final SendResult result, final SenderSnapshot snapshot)
    {
        if (!quiet && null != snapshot && snapshot.progress().elapsedNs() > 0)
        {
            if (terminal)
            {
                draw(snapshot, snapshot.takenNs());
                err.print("\n");
                drawn = 0;
            }
            else
            {
                plain(snapshot, snapshot.takenNs());
            }
        }
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
                    println(String.format(Locale.ROOT, "sent %s to %d of %d receivers in %s (%s), retransmitted %.1f%% " +
                        "(%d repairs), %d parity packets (repairs %.1f%% of the stream's packets), feedback %.2f%% of " +
                        "%d data datagrams (%d datagrams), transport %s", Human.bytes(p.bytesSent()), done,
                        p.rosterSize(), Human.seconds(p.elapsedNs()), Human.rate(p.bytesSent(), p.elapsedNs()),
                        p.retransmitPercent(), p.packetsResent(), p.paritySent(), p.repairPercent(),
                        p.feedbackPercent(), p.dataDatagrams(), p.feedbackFrames(), transport));
                }
            }
            default -> println(result.message());
        }
    }

    /** Leaves the view on screen as it is and moves below it, for whatever is printed next. */
    synchronized void leaveView()
    {
        if (drawn > 0)
        {
            err.print("\n");
            err.flush();
            drawn = 0;
        }
    }

    private void draw(final SenderSnapshot snapshot, final long nowNs)
    {
        final Terminal.Size now = size.get();
        if (!now.equals(drawnFor))
        {
            // Resized: the terminal may have re-wrapped the old frame, so going up would land mid-frame. Leave it
            // above as it is and start afresh below.
            leaveView();
            drawnFor = now;
        }
        final List<String> lines = view.screen(snapshot, nowNs, now.columns(), now.rows());
        // One write per frame: erase the previous frame, then draw the new one without a final newline, so the
        // cursor stays on its last line and the next frame knows how far up to go.
        final StringBuilder frame = new StringBuilder(erase());
        frame.append(String.join("\n", lines));
        err.print(frame);
        err.flush();
        drawn = lines.size();
    }

    private void plain(final SenderSnapshot snapshot, final long nowNs)
    {
        final List<String> lines = view.plain(snapshot, nowNs);
        if (TRACE)
        {
            lines.set(0, lines.get(0) + String.format(Locale.ROOT, ", pacing %.1f MB/s",
                snapshot.progress().rateBytesPerSec() / 1e6));
        }
        for (final String line : lines)
        {
            err.println(PREFIX + line);
        }
        err.flush();
    }

    /** @return what takes the cursor back to the first line of the drawn view and clears to the end of the screen. */
    private String erase()
    {
        if (drawn == 0)
        {
            return "";
        }
        return "\r" + (drawn > 1 ? "\033[" + (drawn - 1) + "A" : "") + "\033[J";
    }

    private void println(final String text)
    {
        err.print(erase());
        drawn = 0;
        err.println(PREFIX + text);
        err.flush();
    }
}
