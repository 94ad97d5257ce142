package io.netpipe.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Locale;

import io.netpipe.forward.ConnectionReport;
import io.netpipe.forward.RelayListener;

/**
 * The one-line messages of {@code netpipe forward} on stderr. Failures that cost a client its connection to the
 * backend, or the listener its ability to accept, are always shown; per-pair summaries only with {@code -v}.
 */
final class ForwardLog implements RelayListener
{
    private static final String PREFIX = "netpipe forward: ";

    private final PrintWriter err;
    private final boolean verbose;

    ForwardLog(final PrintWriter err, final boolean verbose)
    {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void connectFailed(final InetSocketAddress client, final InetSocketAddress backend, final String reason)
    {
        line(pair(client, backend) + ": " + reason);
    }

    @Override
    public void closed(final ConnectionReport report)
    {
        if (verbose)
        {
            line(pair(report.client(), report.backend()) + ": " + summary(report));
        }
    }

    @Override
    public void acceptFailed(final String reason)
    {
        line("accept failed: " + reason + " (retrying, reported again when it works)");
    }

    @Override
    public void acceptRecovered(final String reason, final long failures, final long durationNs)
    {
        line("accepting again after " + failures + " failed accept" + (1 == failures ? "" : "s") + " (" + reason +
            ") in " + seconds(durationNs));
    }

    void listening(final InetSocketAddress listen, final InetSocketAddress backend)
    {
        if (verbose)
        {
            line("listening on " + ForwardAddresses.format(listen) + ", relaying to " +
                ForwardAddresses.format(backend));
        }
    }

    void stopping(final int open, final long graceNs)
    {
        if (verbose)
        {
            line("stopping: " + open + " open connection" + (1 == open ? "" : "s") + ", grace period " +
                seconds(graceNs));
        }
    }

    void cut(final int cut)
    {
        if (cut > 0)
        {
            line("grace period over: cut " + cut + " open connection" + (1 == cut ? "" : "s"));
        }
    }

    static String summary(final ConnectionReport report)
    {
        return (report.clean() ? "closed" : "cut (" + report.failure() + ")") + " after " +
            seconds(report.durationNs()) + ", " + report.bytesToBackend() + " bytes to backend, " +
            report.bytesToClient() + " bytes to client";
    }

    private static String pair(final InetSocketAddress client, final InetSocketAddress backend)
    {
        return ForwardAddresses.format(client) + " -> " + ForwardAddresses.format(backend);
    }

    private static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    private void line(final String message)
    {
        // println on a PrintWriter holds its lock for the whole line: lines from many pairs never interleave.
        err.println(PREFIX + message);
        err.flush();
    }
}
