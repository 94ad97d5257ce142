package io.netpipe.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.netpipe.cli.report.SendReport;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.SessionTag;
import io.netpipe.protocol.crypto.KeyedSealing;
import io.netpipe.protocol.crypto.PreSharedKey;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.Sender;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.GroupTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netpipe send}: replicate stdin or a file to every receiver. */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Replicate stdin (or FILE) to receivers over UDP broadcast or multicast.",
        "Data goes to port P, feedback comes back on P+1. Every receiver ends with the whole stream, verified.",
        "Example: dd if=/dev/sda bs=1M | netpipe send -n 8"})
final class SendCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--receivers"}, paramLabel = "COUNT", defaultValue = "1",
        description = "Start as soon as COUNT receivers have joined, 1 to 1024 (default: ${DEFAULT-VALUE}).")
    int receivers;

    @Option(names = "--min-receivers", paramLabel = "K",
        description = "With --max-wait: start after that wait if at least K receivers joined.")
    Integer minReceivers;

    @Option(names = "--max-wait", paramLabel = "DUR", converter = DurationConverter.class,
        description = "Longest wait for receivers (e.g. 30s); fail with exit 6 if too few joined.")
    Duration maxWait;

    @Option(names = "--dest", paramLabel = "ADDR",
        description = "Broadcast address or IPv4 multicast group (239.x.y.z) to send to (default: the broadcast address of --interface).")
    String dest;

    @Mixin
    NetworkOptions network;

    @Option(names = "--ttl", paramLabel = "N", defaultValue = "1", description = "Multicast TTL (default: ${DEFAULT-VALUE}).")
    int ttl;

    @Option(names = "--rate", paramLabel = "BYTES", converter = SizeConverter.class,
        description = "Cap the rate in bytes per second (e.g. 100M); the sender also adapts to loss below the cap.")
    Long rate;

    @Option(names = "--fec", paramLabel = "off|auto|on|R", converter = FecConverter.class,
        description = "Repairs by parity: a parity packet over a block of 128 packets repairs a different loss at " +
            "each receiver (off: retransmit only; auto: parity while losses are spread over about 5 receivers or " +
            "more, else retransmit; on: parity on demand; R: also R parity packets after each block, for a " +
            "known-lossy network). Default: auto with more than one receiver, off with one or with a key.")
    Integer fec;

    @Option(names = "--packet-size", paramLabel = "N", defaultValue = "1472",
        description = "Largest datagram in bytes (default: ${DEFAULT-VALUE}, for a 1500-byte MTU; 8972 for jumbo frames).")
    int packetSize;

    @Option(names = "--drop-after", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "5s",
        description = "Drop a receiver silent this long, and for at least 5 of the intervals it reports at, counted " +
            "while the sender listens, and go on without it (default: ${DEFAULT-VALUE}).")
    Duration dropAfter;

    @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class,
        description = "The input's size, for the progress bar and ETA when it cannot be known (a pipe); a regular " +
            "file or a block device is measured.")
    Long size;

    @Option(names = "--progress-every", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "10s",
        description = "When stderr is not a terminal, print the progress and one line per receiver this often " +
            "(0 for never; default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--report", paramLabel = "FILE",
        description = "At the end, also when it fails, write a JSON report to FILE (- for stdout): outcome, exit " +
            "code, totals, each receiver's outcome and why (schema in the README).")
    String report;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "File to send (default: stdin).")
    Path file;

    /** What the report needs of a run that may fail at any step: set as each becomes known. */
    private SendReport.Context context;
    private Sender sender;
    private SendResult result;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final ReportTarget target = ReportTarget.of(report, false, spec.commandLine().getOut(), err, "send");
        try
        {
            final int code = send(err);
            return null == target ? code :
                target.write(SendReport.json(context, result, sender.snapshot(), code, result.message()), code);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != target)
            {
                final Throwable cause = ExceptionHandler.unwrap(ex);
                target.write(SendReport.json(context, null, null == sender ? null : sender.snapshot(),
                    Failures.exitCodeOf(cause), Failures.messageOf(cause)), 0);
            }
            throw ex;
        }
    }

    private int send(final PrintWriter err) throws IOException
    {
        final SendConfig config = config();
        final int buffer = network.socketBufferBytes();
        try (GroupTransport transport = network.open(new UdpOptions(new InetSocketAddress(network.port() + 1), false,
                buffer, buffer, network.networkInterface(), ttl), err, "send");
            ReadableByteChannel input = openInput())
        {
            context = new SendReport.Context(config.sessionId(), network.sessionName(), network.interfaceName,
                config.dataDestination(), config.announceDestination(), network.port() + 1, transport.name());
            final LiveView view = new LiveView(null != size ? size : InputSize.of(input), config.expectedReceivers());
            final SendProgressPrinter printer = new SendProgressPrinter(err, network.quiet, Terminal.isStderrTerminal(),
                view, System::nanoTime /* the agent's clock, NanoClock.SYSTEM */, Terminal::stderrSize,
                progressEvery.toNanos(), transport.name());
            sender = new Sender(config, FaultInjection.input(input), transport, printer);
            try (AbortOnSignal signals = new AbortOnSignal(sender::abort, sender::isDone);
                Ticker progress = new Ticker("netpipe-progress", 250, () -> printer.progress(sender.snapshot())))
            {
                result = sender.run();
            }
            catch (final Throwable ex)
            {
                // The error's one line must not land on the view's last row.
                printer.leaveView();
                throw ex;
            }
            if (result.outcome() == SendResult.Outcome.TIMEOUT)
            {
                result = result.withMessage("; " + (null == network.interfaceName ? "no --interface given " +
                    "(the routing table picks)" : "interface " + network.interfaceName));
            }
            printer.finished(result, sender.snapshot());
            return switch (result.outcome())
            {
                case COMPLETE -> ExitCodes.OK;
                case RECEIVERS_LOST -> ExitCodes.RECEIVERS_LOST;
                case TIMEOUT -> ExitCodes.TIMEOUT;
                case INPUT_FAILED -> ExitCodes.IO;
                case ABORTED -> ExitCodes.INTERRUPTED;
            };
        }
    }

    private ReadableByteChannel openInput() throws IOException
    {
        return null == file ? new FileInputStream(FileDescriptor.in).getChannel() :
            FileChannel.open(file, StandardOpenOption.READ);
    }

    private SendConfig config()
    {
        final int port = network.port();
        if (packetSize < SendConfig.MIN_PACKET_SIZE || packetSize > SendConfig.MAX_PACKET_SIZE)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--packet-size must be from " + SendConfig.MIN_PACKET_SIZE +
                " to " + SendConfig.MAX_PACKET_SIZE);
        }
        final PreSharedKey key = network.key();
        final SecureRandom random = new SecureRandom();
        final SessionSealing sealing = null == key ? SessionSealing.unkeyed() : KeyedSealing.newSession(key, random);
        final int maxRoster = new SessionGeometry(packetSize, sealing.trailerLength()).maxRoster();
        if (receivers < 1 || receivers > maxRoster)
        {
            throw new NetpipeException(ExitCodes.USAGE, "-n must be from 1 to " + maxRoster);
        }
        if (null != minReceivers && (minReceivers < 1 || minReceivers > receivers || null == maxWait))
        {
            throw new NetpipeException(ExitCodes.USAGE, "--min-receivers needs --max-wait and must be from 1 to -n");
        }
        if (ttl < 0 || ttl > 255)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--ttl must be from 0 to 255");
        }
        final NetworkInterface nif = network.networkInterface();
        final Inet4Address destination = null != dest ? Interfaces.ipv4(dest, "--dest") :
            (Inet4Address)Interfaces.broadcastOf(nif);
        final boolean multicast = destination.isMulticastAddress();
        final InetSocketAddress data = new InetSocketAddress(destination, port);
        final InetSocketAddress announce = multicast ?
            new InetSocketAddress(Interfaces.ipv4(Interfaces.RENDEZVOUS_GROUP, "rendezvous"), port) : data;
        final int sessionId = SessionTag.newSessionId(network.sessionName(), random);
        return new SendConfig(
            sessionId,
            packetSize,
            receivers,
            null == minReceivers ? 1 : minReceivers,
            null == maxWait ? 0 : maxWait.toNanos(),
            dropAfter.toNanos(),
            null == rate ? 0 : rate,
            SendConfig.DEFAULT_WINDOW_PACKETS,
            data,
            announce,
            multicast ? destination : null,
            sealing,
            null != fec ? fec : receivers > 1 ? SendConfig.FEC_AUTO : SendConfig.FEC_OFF);
    }
}
