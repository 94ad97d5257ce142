package io.netpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.netpipe.forward.Relay;
import io.netpipe.forward.RelayConfig;
import io.netpipe.libc.InterruptSignal;
import io.netpipe.libc.PosixException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netpipe forward}: relay every TCP connection on a port to a backend. */
@Command(name = "forward", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Relay every TCP connection accepted on [BIND:]PORT to HOST:PORT, until SIGTERM or SIGINT.",
        "Each client gets its own backend connection, many at once; both directions are copied and an EOF on one "
            + "side becomes a half-close on the other. A client whose backend cannot be reached is closed at once "
            + "and one line on stderr says why.",
        "On SIGTERM or SIGINT (also when started with & from a script, where SIGINT is inherited ignored) the "
            + "relay stops listening, lets open connections finish for the grace period, cuts the rest and exits 0.",
        "A connection cut (by a reset on one side, a timeout or the grace period) is reset on both sides, so that "
            + "neither mistakes it for a complete stream.",
    })
final class ForwardCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "[BIND:]PORT", converter = ForwardAddresses.Listen.class,
        description = "Where to listen. Without BIND only 127.0.0.1 (use 0.0.0.0:PORT or [::]:PORT for every "
            + "interface). Port 0 picks a free port (shown with -v).")
    InetSocketAddress listen;

    @Parameters(index = "1", paramLabel = "HOST:PORT", converter = ForwardAddresses.Backend.class,
        description = "The backend every client is relayed to.")
    InetSocketAddress backend;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "0",
        description = "At most N connections at once; more clients wait in the listen backlog. 0: no limit "
            + "(default).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DUR", defaultValue = "0", converter = DurationConverter.class,
        description = "Cut a connection after DUR with no bytes read or written in either direction (e.g. 30s, "
            + "5m). 0: never (default).")
    Duration idleTimeout;

    @Option(names = "--half-close-timeout", paramLabel = "DUR", defaultValue = "60s",
        converter = DurationConverter.class,
        description = "Once the client has closed its side, cut the connection when the backend sends nothing "
            + "for DUR (frees pairs whose client gave up on a backend that never answers). 0: never. Default: 60s.")
    Duration halfCloseTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DUR", defaultValue = "10s",
        converter = DurationConverter.class,
        description = "Give up on a backend address after DUR (default: 10s). A backend name is resolved for each "
            + "client and tried at each of its addresses in turn.")
    Duration connectTimeout;

    @Option(names = "--grace", paramLabel = "DUR", defaultValue = "10s", converter = DurationConverter.class,
        description = "On SIGTERM or SIGINT, let open connections finish for up to DUR (default: 10s).")
    Duration grace;

    @Option(names = {"-v", "--verbose"},
        description = "Also log the listening address, one line per closed connection and the shutdown.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException
    {
        final RelayConfig config = config();
        handleSigintEvenIfIgnored();
        final PrintWriter err = spec.commandLine().getErr();
        final ForwardLog log = new ForwardLog(err, verbose);
        final Relay relay;
        try
        {
            relay = Relay.start(config, log);
        }
        catch (final IOException ex)
        {
            throw new NetpipeException(ExitCodes.IO, "cannot listen on " + ForwardAddresses.format(listen) + ": " +
                lowerCase(ex));
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("forward-stop").unstarted(() ->
        {
            try
            {
                stop(relay, log);
            }
            finally
            {
                err.flush();
                // A JVM stopped by a signal exits 128+signal after its hooks; a clean stop is 0. halt() from the
                // hook is the only way to say so (System.exit would deadlock on the shutdown in progress).
                Runtime.getRuntime().halt(ExitCodes.OK);
            }
        }));
        // Only now: whoever waits for this line (a script, a test) may send SIGTERM and get a graceful stop.
        // The address as given (0.0.0.0 stays 0.0.0.0 on a dual-stack socket), with the real port when it was 0.
        log.listening(new InetSocketAddress(listen.getAddress(), relay.localAddress().getPort()), backend);
        relay.awaitTermination();
        return ExitCodes.OK;
    }

    private void stop(final Relay relay, final ForwardLog log)
    {
        log.stopping(relay.openConnections(), grace.toNanos());
        try
        {
            log.cut(relay.shutdown(grace.toNanos()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A relay started with {@code &} from a script inherits SIGINT ignored, and {@code kill -INT} (or an
     * interactive ^C to a foreground job that ignores it) would do nothing. The relay's README promises a graceful
     * stop on SIGINT, so it takes the signal back.
     */
    private static void handleSigintEvenIfIgnored()
    {
        try
        {
            InterruptSignal.handleEvenIfIgnored();
        }
        catch (final PosixException | RuntimeException | LinkageError ex)
        {
            // Not Linux with glibc, or sigaction refused: SIGTERM still stops the relay gracefully.
        }
    }

    private RelayConfig config()
    {
        if (maxConnections < 0)
        {
            throw new ParameterException(spec.commandLine(), "--max-connections must be 0 (no limit) or more");
        }
        if (connectTimeout.isZero())
        {
            throw new ParameterException(spec.commandLine(), "--connect-timeout must be more than 0");
        }
        return RelayConfig.of(listen, backend)
            .withMaxConnections(maxConnections)
            .withIdleTimeoutNs(idleTimeout.toNanos())
            .withHalfCloseTimeoutNs(halfCloseTimeout.toNanos())
            .withConnectTimeoutNs(connectTimeout.toNanos());
    }

    private static String lowerCase(final IOException ex)
    {
        final String message = null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
        return message.toLowerCase(Locale.ROOT);
    }
}
