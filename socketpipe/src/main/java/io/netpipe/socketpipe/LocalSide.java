package io.netpipe.socketpipe;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.netpipe.socketpipe.Children.Role;
import io.netpipe.libc.Errno;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.Sockets;
import io.netpipe.libc.Spawn;
import io.netpipe.libc.Tty;
import io.netpipe.libc.WaitStatus;

/**
 * The local side of socketpipe mode. It listens, runs the login command with the server instance's arguments,
 * waits for the server instance to connect back from the expected host ({@link PeerCheck}) and pair, then starts the -i command with the socket as its
 * stdout and the -o command with the socket as its stdin. From then on it only waits for its children and
 * shuts the socket down as they end:
 * <ul>
 * <li>-i ends: shut down sending (the remote command reads end of file), since -o may still hold the socket;</li>
 * <li>-o ends: close; if -i still runs, shut both directions down first, so the remote command's next write is
 * answered with a reset (like a pipe whose reader died) instead of filling buffers nobody reads and hanging;</li>
 * <li>no -i: shut down sending at once, so the remote command reads end of file, like {@code </dev/null};</li>
 * <li>no -o: what the remote command writes is read and dropped ({@link Discard}), like {@code >/dev/null}.</li>
 * </ul>
 * Exit status: the -o command's if given, else the remote command's (through the login command), 128+signal
 * for a signal. A failing remote or -i command is reported on stderr even when it does not decide the status.
 */
public final class LocalSide
{
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    /** Variables that make the server instance think it was reached over ssh: the user's own session's. */
    private static final List<String> SSH_SESSION_VARIABLES = List.of("SSH_CONNECTION", "SSH_CLIENT");

    private final Invocation.Client options;
    private final List<String> serverCommand;
    private final Map<String, String> environment;
    private final Consumer<String> warnings;
    /** Whether -i, and the login command, still ran when -o ended: -o may have stopped reading early. */
    private boolean inputOutlivedOutput;
    private boolean loginOutlivedOutput;

    /**
     * @param options       the parsed command line.
     * @param serverCommand the words that run netpipe on the remote host, e.g. {@code [/opt/netpipe/bin/netpipe]}.
     * @param environment   the environment for the commands.
     * @param warnings      receives one-line messages for stderr.
     */
    public LocalSide(final Invocation.Client options, final List<String> serverCommand,
        final Map<String, String> environment, final Consumer<String> warnings)
    {
        this.options = options;
        this.serverCommand = List.copyOf(serverCommand);
        this.environment = Map.copyOf(environment);
        this.warnings = warnings;
    }

    /**
     * Runs the pipe to the end.
     *
     * @return the exit status: the -o command's if given, else the remote command's.
     * @throws SocketpipeException when the pipe could not be set up.
     */
    public int run()
    {
        Executables.require(options.login(), Role.LOGIN.label(), environment);
        if (options.hasInput())
        {
            Executables.require(options.input(), Role.INPUT.label(), environment);
        }
        if (options.hasOutput())
        {
            Executables.require(options.output(), Role.OUTPUT.label(), environment);
        }
        final Pairing pairing = Pairing.random();
        final List<InetAddress> listenAt = Listener.addresses(options.connectBack());
        try (Children children = new Children())
        {
            final int conn;
            try (Listener listener = Listener.open(listenAt))
            {
                start(children, Role.LOGIN, options.login(), loginSpawn(listener.port(), pairing));
                final CompletableFuture<PeerCheck> peers = PeerCheck.expect(options.from(), options.login(), loginEnvironment());
                final Duration timeout = options.acceptTimeout();
                final Long deadlineNs = timeout.isZero() ? null : System.nanoTime() + timeout.toNanos();
                conn = listener.accept(pairing, peers::join, children, deadlineNs, text(timeout), warnings);
            }
            pipe(children, conn);
            return new ExitReport(options.hasInput(), options.hasOutput(), warnings)
                .status(children, inputOutlivedOutput, loginOutlivedOutput);
        }
        catch (final PosixException ex)
        {
            throw SocketpipeException.io(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw SocketpipeException.io("interrupted");
        }
    }

    private Spawn loginSpawn(final int port, final Pairing pairing)
    {
        final List<String> argv = new ArrayList<>(options.login());
        argv.addAll(serverCommand);
        argv.addAll(List.of("socketpipe", Arguments.SERVE,
            null == options.connectBack() ? Invocation.Serve.FIND_HOST : options.connectBack(),
            Integer.toString(port), pairing.hex(), "--"));
        argv.addAll(RemoteWords.encode(options.remote()));
        final Spawn spawn = new Spawn(argv, loginEnvironment());
        if (options.batch())
        {
            // ssh reads stdin and sets O_NONBLOCK on a stdout it shares with -o; -b keeps it off both.
            spawn.openReadOnly("/dev/null", STDIN).close(STDOUT);
        }
        else
        {
            if (options.hasInput() && !Tty.isTerminal(STDIN))
            {
                // Piped data on stdin belongs to -i: a login command reading it would steal some.
                spawn.openReadOnly("/dev/null", STDIN);
            }
            // ssh sets O_NONBLOCK on a stdout or stderr that is not a terminal; on a pipe shared with -o, -o's writes
            // then fail with EAGAIN and the output is cut. Reopened through /proc, the pipe is the same but the open
            // file description, which holds that flag, is ssh's own. (A file does not care; a socket cannot be reopened.)
            // This process's /proc entry: in the child posix_spawn makes, /proc/self does not resolve.
            for (final int fd : new int[] {STDOUT, STDERR})
            {
                if (isPipe(fd))
                {
                    spawn.openWriteOnly("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd, fd);
                }
            }
        }
        return spawn;
    }

    /** @return whether this process's {@code fd} is a pipe (its /proc link reads {@code pipe:[INODE]}). */
    private static boolean isPipe(final int fd)
    {
        try
        {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith("pipe:");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return false;
        }
    }

    /** @return the login command's environment, also {@code ssh -G}'s: without the user's own ssh session. */
    private Map<String, String> loginEnvironment()
    {
        final Map<String, String> loginEnvironment = new HashMap<>(environment);
        SSH_SESSION_VARIABLES.forEach(loginEnvironment::remove);
        return loginEnvironment;
    }

    private void pipe(final Children children, final int conn) throws PosixException, InterruptedException
    {
        int open = conn;
        Discard discard = null;
        try
        {
            Sockets.setKeepAlive(conn);
            if (!options.hasInput())
            {
                Sockets.shutdown(conn, Sockets.SHUT_WR);
            }
            final Set<Role> waiting = EnumSet.of(Role.LOGIN);
            if (options.hasOutput())
            {
                start(children, Role.OUTPUT, options.output(), new Spawn(options.output(), environment).dup2(conn, STDIN));
                waiting.add(Role.OUTPUT);
            }
            if (options.hasInput())
            {
                start(children, Role.INPUT, options.input(), new Spawn(options.input(), environment).dup2(conn, STDOUT));
                waiting.add(Role.INPUT);
            }
            if (!options.hasOutput())
            {
                // After the commands: the data waits for them, not for this (its thread, whose start in a JVM
                // without a JIT costs milliseconds, only drops what nobody reads, which can wait that long).
                discard = Discard.start(conn);
            }
            while (!waiting.isEmpty())
            {
                final Children.Exit exit = children.next();
                waiting.remove(exit.role());
                if (Role.INPUT == exit.role() && open >= 0)
                {
                    Sockets.shutdown(open, Sockets.SHUT_WR);
                }
                else if (Role.OUTPUT == exit.role())
                {
                    inputOutlivedOutput = waiting.contains(Role.INPUT);
                    loginOutlivedOutput = waiting.contains(Role.LOGIN);
                    if (children.isRunning(Role.INPUT))
                    {
                        Sockets.shutdown(open, Sockets.SHUT_RDWR);
                    }
                    Sockets.closeQuietly(open);
                    open = -1;
                }
            }
        }
        finally
        {
            if (null != discard)
            {
                discard.close();
            }
            Sockets.closeQuietly(open);
        }
    }

    /** Starts a child; a failure names the command, with a shell's status (127 not found, 126 otherwise). */
    static void start(final Children children, final Role role, final List<String> command, final Spawn spawn)
    {
        try
        {
            children.start(role, spawn);
        }
        catch (final PosixException ex)
        {
            throw new SocketpipeException(Errno.ENOENT == ex.errno() ? Executables.NOT_FOUND : Executables.NOT_EXECUTABLE,
                "cannot start the " + role.label() + " '" + command.getFirst() + "': " + ex.reason());
        }
    }

    /** @return a duration as the user would write it: {@code 5s}, {@code 1500ms}. */
    static String text(final Duration duration)
    {
        return 0 == duration.toMillisPart() ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
