package io.netpipe.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import io.netpipe.cli.report.RecvReport;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import io.netpipe.receiver.GroupMembership;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.receiver.RecvResult;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.GroupTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netpipe recv}: receive a session's stream (with {@code --loop}, session after session) into stdout, a
 * file or a command.
 */
@Command(name = "recv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Receive a stream from 'netpipe send' and write it to stdout (or -o FILE, or --exec CMD's stdin).",
        "Exits 0 only when the whole stream was written and its SHA-256 matched the sender's.",
        "Example: netpipe recv | dd of=/dev/sda bs=1M",
        "Lab client: netpipe recv --loop --exec 'dd of=/dev/sda bs=1M'"})
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

    @Option(names = "--sender-timeout", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "15s",
        description = "Give up (exit 4) when the sender is silent this long mid-stream (default: ${DEFAULT-VALUE}, " +
            "longer than a busy sender's host may starve it; before the first data at least 10s).")
    Duration senderTimeout;

    @Option(names = "--buffer", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "48M",
        description = "Reassembly buffer: how far the sender may run ahead of this output (default: ${DEFAULT-VALUE}).")
    long bufferBytes;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write to FILE instead of stdout; opened only once a session admits this receiver (a regular " +
            "file is then replaced, a device is written in place, never truncated). {n} in FILE becomes the " +
            "session's number (from 1), {time} its UTC time (20261130T174500Z).")
    String output;

    @Option(names = "--exec", paramLabel = "CMD",
        description = "Feed the stream to CMD's stdin (run by /bin/sh -c once a session admits this receiver), " +
            "e.g. 'dd of=/dev/sda bs=1M'. The stream succeeds only when CMD exits 0; else the sender is told " +
            "(\"exec: exit status 1\") and this exits 5.")
    String exec;

    @Option(names = "--loop", description = "Lab daemon mode: after each session wait for the next, until " +
        "--loop-count, --timeout or a signal. Needs -o (with {n} or {time}) or --exec. Exits 0 when every session " +
        "succeeded, else with the code of the last that did not.")
    boolean loop;

    @Option(names = "--loop-count", paramLabel = "N", description = "With --loop, stop after N sessions.")
    Long loopCount;

    @Option(names = "--report", paramLabel = "FILE",
        description = "At the end, also when it fails, write a JSON report to FILE (- for stdout, with -o or --exec " +
            "only): outcome, exit code, sender, bytes, losses, SHA-256 (schema in the README); with --loop, of the " +
            "last session.")
    String report;

    /** What the report needs of a run that may fail at any step: set as each becomes known. */
    private RecvReport.Context context;
    private RecvSessions sessions;

    @Override
    public Integer call() throws IOException
    {
        checkOutputOptions();
        final PrintWriter err = spec.commandLine().getErr();
        final ReportTarget target = ReportTarget.of(report, null == output && null == exec,
            spec.commandLine().getOut(), err, "recv");
        context = new RecvReport.Context(network.sessionName, network.interfaceName, network.port,
            null != exec ? "exec: " + exec : output, null);
        try
        {
            final int code = receive(err);
            final RecvResult result = sessions.lastResult();
            return null == target ? code :
                target.write(RecvReport.json(context, result, sessions.lastSnapshot(), code,
                    null == result ? "" : result.message()), code);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != target)
            {
                final Throwable cause = ExceptionHandler.unwrap(ex);
                target.write(RecvReport.json(context, null, null == sessions ? null : sessions.lastSnapshot(),
                    Failures.exitCodeOf(cause), Failures.messageOf(cause)), 0);
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
                socketBuffer, socketBuffer, nif, 1), err, "recv"))
        {
            context = new RecvReport.Context(context.sessionName(), context.interfaceName(), port, context.output(),
                transport.name());
            network.warnIfCapped(transport, err, "recv");
            final List<NetworkInterface> joinOn = Interfaces.multicastCapable(nif);
            final GroupMembership membership = new SocketMembership(transport, joinOn);
            joinQuietly(membership, Interfaces.ipv4(Interfaces.RENDEZVOUS_GROUP, "rendezvous"));
            if (null != forcedGroup)
            {
                membership.join(forcedGroup);
            }
            final RecvProgressPrinter printer = new RecvProgressPrinter(err, network.quiet, Terminal.isStderrTerminal(),
                transport.name());
            printer.listeningOn(Interfaces.listening(port, nif, joinOn, null == group ? Interfaces.RENDEZVOUS_GROUP :
                Interfaces.RENDEZVOUS_GROUP + " and " + group));
            final FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
            final OutputPattern pattern = null == output ? null : new OutputPattern(output, Clock.systemUTC());
            final IntFunction<WritableByteChannel> outputs = n -> null != exec ? new ExecOutput(exec) :
                null != pattern ? new OutputFile(() -> pattern.resolve(n)) : stdout.getChannel();
            sessions = new RecvSessions(config, transport, membership, printer, outputs, loop || null != loopCount,
                null == loopCount ? 0 : loopCount);
            return sessions.run();
        }
    }

    /** Rejects output options that cannot work together, before a socket is opened. */
    void checkOutputOptions()
    {
        if (null != exec && null != output)
        {
            throw new NetpipeException(ExitCodes.USAGE, "-o and --exec exclude each other: the stream goes to one");
        }
        if (null != exec && exec.isBlank())
        {
            throw new NetpipeException(ExitCodes.USAGE, "--exec needs a command");
        }
        if (null != loopCount && loopCount < 1)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--loop-count must be 1 or more");
        }
        if ((loop || null != loopCount) && null == exec && null == output)
        {
            // Without {n} each session replaces -o FILE (or writes a device in place, as imaging wants).
            throw new NetpipeException(ExitCodes.USAGE, "--loop needs -o FILE (with {n} or {time} to keep each " +
                "session) or --exec CMD: successive streams on stdout could not be told apart");
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
}
