package io.netpipe.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.netpipe.cli.report.RecvReport;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import io.netpipe.receiver.GroupMembership;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.Receiver;
import io.netpipe.receiver.ReceiverListener;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.GroupTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpipe recv}: receive one session's stream and write it to stdout or a file. */
@Command(name = "recv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Receive a stream from 'netpipe send' and write it to stdout (or -o FILE).",
        "Exits 0 only when the whole stream was written and its SHA-256 matched the sender's.",
        "Example: netpipe recv | dd of=/dev/sda bs=1M"})
final class RecvCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions network;

    @Option(names = "--sender", paramLabel = "ADDR", description = "Accept a session only from this sender address.")
    String senderAddress;

    @Option(names = "--group", paramLabel = "ADDR",
        description = "Join this multicast group at once (normally learned from the sender's announcement).")
    String group;

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
        description = "Give up (exit 6) when no session is found in this time (default: wait forever).")
    Duration timeout;

    @Option(names = "--sender-timeout", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "3s",
        description = "Give up (exit 4) when the sender is silent this long mid-stream (default: ${DEFAULT-VALUE}).")
    Duration senderTimeout;

    @Option(names = "--buffer", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "32M",
        description = "Reassembly buffer: how far the sender may run ahead of this output (default: ${DEFAULT-VALUE}).")
    long bufferBytes;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write to FILE instead of stdout; opened only once a session admits this receiver (a regular " +
            "file is then replaced, a device is written in place, never truncated).")
    Path output;

    @Option(names = "--report", paramLabel = "FILE",
        description = "At the end, also when it fails, write a JSON report to FILE (- for stdout, with -o only): " +
            "outcome, exit code, sender, bytes, losses, SHA-256 (schema in the README).")
    String report;

    /** What the report needs of a run that may fail at any step: set as each becomes known. */
    private RecvReport.Context context;
    private Receiver receiver;
    private RecvResult result;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final ReportTarget target = ReportTarget.of(report, null == output, spec.commandLine().getOut(), err, "recv");
        context = new RecvReport.Context(network.sessionName, network.interfaceName, network.port,
            null == output ? null : output.toString(), null);
        try
        {
            final int code = receive(err);
            return null == target ? code :
                target.write(RecvReport.json(context, result, receiver.snapshot(), code, result.message()), code);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != target)
            {
                final Throwable cause = ExceptionHandler.unwrap(ex);
                target.write(RecvReport.json(context, null, null == receiver ? null : receiver.snapshot(),
                    ExceptionHandler.exitCodeOf(cause), ExceptionHandler.messageOf(cause)), 0);
            }
            throw ex;
        }
    }

    private int receive(final PrintWriter err) throws IOException
    {
        final int port = network.port();
        final int socketBuffer = network.socketBufferBytes();
        final NetworkInterface nif = network.networkInterface();
        final PreSharedKey key = network.key();
        final RecvConfig config = new RecvConfig(
            Math.max(bufferBytes, 1L << 20),
            null == senderAddress ? null : Interfaces.ipv4(senderAddress, "--sender"),
            null == timeout ? 0 : timeout.toNanos(),
            senderTimeout.toNanos(),
            Interfaces.hostName(),
            null == key ? SessionSealing.unkeyed() : KeyedSealing.awaitingSession(key, new SecureRandom()),
            network.sessionName());
        final Inet4Address forcedGroup = null == group ? null : Interfaces.ipv4(group, "--group");
        try (GroupTransport transport = network.open(new UdpOptions(new InetSocketAddress(port), true,
                socketBuffer, socketBuffer, nif, 1), err, "recv");
            WritableByteChannel out = openOutput())
        {
            context = new RecvReport.Context(context.sessionName(), context.interfaceName(), port, context.output(),
                transport.name());
            network.warnIfCapped(transport, err, "recv");
            final List<NetworkInterface> joinOn = Interfaces.multicastCapable(nif);
            final GroupMembership membership = new GroupMembership()
            {
                @Override
                public void join(final Inet4Address g) throws IOException
                {
                    for (final NetworkInterface n : joinOn)
                    {
                        transport.join(g, n);
                    }
                }

                @Override
                public void renew(final Inet4Address g) throws IOException
                {
                    transport.rejoin(g);
                }
            };
            joinQuietly(membership, Interfaces.ipv4(Interfaces.RENDEZVOUS_GROUP, "rendezvous"));
            if (null != forcedGroup)
            {
                membership.join(forcedGroup);
            }
            final RecvProgressPrinter printer = new RecvProgressPrinter(err, network.quiet, Terminal.isStderrTerminal(),
                transport.name());
            final ReceiverListener listener = null == output ? printer : new ReceiverListener()
            {
                @Override
                public void sessionFound(final InetSocketAddress sender, final int sessionId)
                {
                    printer.sessionFound(sender, sessionId);
                }

                @Override
                public void admitted(final int receiverId)
                {
                    ((OutputFile)out).admitted();
                    printer.admitted(receiverId);
                }

                @Override
                public void notice(final String text)
                {
                    printer.notice(text);
                }
            };
            receiver = new Receiver(config, FaultInjection.output(out), transport, membership, listener);
            try (AbortOnSignal signals = new AbortOnSignal(receiver::abort, receiver::isDone);
                Ticker progress = new Ticker("netpipe-progress", 250, () -> printer.progress(receiver.snapshot())))
            {
                result = receiver.run();
            }
            printer.finished(result);
            printer.dropped(receiver.snapshot());
            return switch (result.outcome())
            {
                case COMPLETE -> ExitCodes.OK;
                case INCOMPLETE, CORRUPT -> ExitCodes.INCOMPLETE;
                case OUTPUT_FAILED -> ExitCodes.IO;
                case TIMEOUT -> ExitCodes.TIMEOUT;
            };
        }
    }

    private static void joinQuietly(final GroupMembership membership, final Inet4Address group)
    {
        try
        {
            membership.join(group);
        }
        catch (final IOException ex)
        {
            // Broadcast still works; multicast sessions will name their group when heard by broadcast.
        }
    }

    private WritableByteChannel openOutput() throws IOException
    {
        // -o FILE is opened only once a session admits this receiver: waiting never truncates it.
        return null == output ? new FileOutputStream(FileDescriptor.out).getChannel() : new OutputFile(output);
    }
}
