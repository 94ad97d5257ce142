package io.netpipe.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.WritableByteChannel;
import java.util.function.IntFunction;

import io.netpipe.receiver.GroupMembership;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;
import io.netpipe.receiver.Receiver;
import io.netpipe.receiver.ReceiverListener;
import io.netpipe.transport.DatagramTransport;

/**
 * Runs {@code recv}'s sessions on one open socket: one, or with {@code --loop} one after another (the lab daemon
 * mode), each into an output of its own that is opened only once a session admits the receiver. The socket stays
 * bound between sessions, so a sender that starts at once finds the receiver. SIGINT or SIGTERM ends the session
 * in progress (the sender is told) and the loop.
 */
final class RecvSessions
{
    private final RecvConfig config;
    private final DatagramTransport transport;
    private final GroupMembership membership;
    private final RecvProgressPrinter printer;
    private final IntFunction<WritableByteChannel> outputs;
    private final boolean loop;
    private final long maxSessions;
    private volatile boolean stopping;
    private volatile Receiver current;
    private RecvResult lastResult;

    /**
     * @param config      the receiver's configuration.
     * @param transport   the socket bound to the data port.
     * @param membership  joins announced groups.
     * @param printer     tells the user.
     * @param outputs     the output for session n (from 1); {@link OutputFile} and {@link ExecOutput} are told
     *                    when the session admits the receiver.
     * @param loop        whether to serve session after session.
     * @param maxSessions with {@code loop}, stop after this many sessions; 0 for no limit.
     */
    RecvSessions(final RecvConfig config, final DatagramTransport transport, final GroupMembership membership,
        final RecvProgressPrinter printer, final IntFunction<WritableByteChannel> outputs, final boolean loop,
        final long maxSessions)
    {
        this.config = config;
        this.transport = transport;
        this.membership = membership;
        this.printer = printer;
        this.outputs = outputs;
        this.loop = loop;
        this.maxSessions = maxSessions;
    }

    /**
     * @return the exit code: 0 when every session succeeded, else the code of the last one that did not.
     * @throws IOException when the socket fails, or an output cannot be closed.
     */
    int run() throws IOException
    {
        int exit = ExitCodes.OK;
        RecvConfig next = config;
        try (AbortOnSignal signals = new AbortOnSignal(this::stop, this::isDone))
        {
            for (int n = 1; !stopping; n++)
            {
                final RecvResult result = runOne(next, n);
                final int code = exitCode(result);
                exit = code == ExitCodes.OK ? exit : code;
                if (!loop || stopping || result.outcome() == RecvResult.Outcome.TIMEOUT ||
                    (maxSessions > 0 && n >= maxSessions))
                {
                    break;
                }
                // Its sender may still be serving slower receivers: that session is not a new one to wait for.
                next = 0 == result.sessionId() ? config : config.ignoring(result.sessionId());
                printer.notice("waiting for the next session (" + n + (maxSessions > 0 ? " of " + maxSessions : "") +
                    (1 == n && maxSessions <= 0 ? " session" : " sessions") + " served)");
            }
        }
        return exit;
    }

    private RecvResult runOne(final RecvConfig sessionConfig, final int n) throws IOException
    {
        try (WritableByteChannel out = outputs.apply(n))
        {
            final ReceiverListener listener = new ReceiverListener()
            {
                @Override
                public void sessionFound(final InetSocketAddress sender, final int sessionId)
                {
                    printer.sessionFound(sender, sessionId);
                }

                @Override
                public void admitted(final int receiverId)
                {
                    if (out instanceof OutputFile file)
                    {
                        file.admitted();
                    }
                    else if (out instanceof ExecOutput exec)
                    {
                        exec.admitted();
                    }
                    printer.admitted(receiverId);
                }

                @Override
                public void notice(final String text)
                {
                    printer.notice(text);
                }

                @Override
                public void noSessionHeard(final long waitedNs)
                {
                    printer.noSessionHeard(waitedNs);
                }
            };
            final Receiver receiver = new Receiver(sessionConfig, FaultInjection.output(out), transport, membership,
                listener);
            current = receiver;
            if (stopping)
            {
                receiver.abort();
            }
            final RecvResult result;
            try (Ticker progress = new Ticker("netpipe-progress", 250, () -> printer.progress(receiver.snapshot())))
            {
                result = receiver.run();
            }
            printer.finished(result);
            printer.dropped(receiver.snapshot());
            lastResult = result;
            if (loop && result.outcome() == RecvResult.Outcome.COMPLETE && out instanceof OutputFile file)
            {
                printer.notice("session " + n + " written to " + file.path());
            }
            return result;
        }
    }

    /** @return how the last session ended (the report's subject), or null before one ended. */
    RecvResult lastResult()
    {
        return lastResult;
    }

    /** @return the last session's receiver's snapshot, or null before one started. */
    RecvSnapshot lastSnapshot()
    {
        final Receiver receiver = current;
        return null == receiver ? null : receiver.snapshot();
    }

    /** SIGINT or SIGTERM: ends the session in progress, telling the sender, and the loop. */
    private void stop()
    {
        stopping = true;
        final Receiver receiver = current;
        if (null != receiver)
        {
            receiver.abort();
        }
    }

    private boolean isDone()
    {
        final Receiver receiver = current;
        return null == receiver || receiver.isDone();
    }

    /**
     * @param result how a session ended.
     * @return its exit code, as the README's table lists them.
     */
    static int exitCode(final RecvResult result)
    {
        return switch (result.outcome())
        {
            case COMPLETE -> ExitCodes.OK;
            case INCOMPLETE, CORRUPT -> ExitCodes.INCOMPLETE;
            case OUTPUT_FAILED -> ExitCodes.IO;
            case TIMEOUT -> ExitCodes.TIMEOUT;
        };
    }
}
