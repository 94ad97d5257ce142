package io.netpipe.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.netpipe.libc.Libc;
import io.netpipe.socketpipe.Arguments;
import io.netpipe.socketpipe.Invocation;
import io.netpipe.socketpipe.LocalSide;
import io.netpipe.socketpipe.RemoteSide;
import io.netpipe.socketpipe.SocketpipeException;

/**
 * {@code netpipe socketpipe} without picocli. picocli's Java 5 class files miss the JVM's AOT cache, and loading
 * and verifying them cost each of socketpipe's two JVM starts (the local side and the server instance) about
 * 0.14 s; the JVM also loads the types a class names when it links that class, so this class, and all it uses,
 * names no picocli type. {@link SocketpipeCommand} is the picocli face for {@code --help} and {@code --version}.
 */
final class SocketpipeMain
{
    private static final String NAME = "netpipe socketpipe";

    private SocketpipeMain()
    {
    }

    /**
     * Runs socketpipe without picocli, as {@code netpipe socketpipe} does unless it asks for help or the version.
     *
     * @param words the words after {@code socketpipe}.
     * @return the exit code, or -1 if the words ask for help or the version, which picocli prints.
     */
    static int run(final List<String> words)
    {
        if (asksForHelp(words) || asksForVersion(words))
        {
            return -1;
        }
        return run(words, new PrintWriter(System.err, true));
    }

    /** Runs the pipe; every failure is one line on {@code err} and an exit code from {@link ExitCodes}. */
    static int run(final List<String> words, final PrintWriter err)
    {
        final String prefix = NAME + ": ";
        Thread.ofPlatform().name("netpipe-link").daemon(true).start(SocketpipeMain::prelink);
        try
        {
            final Invocation invocation = Arguments.parse(words, Durations::parse);
            final Map<String, String> environment = System.getenv();
            // instanceof, not a pattern switch: that bootstraps a call site at run time, classes spun at every start
            if (invocation instanceof Invocation.Serve serve)
            {
                return new RemoteSide(serve, environment).run();
            }
            return new LocalSide((Invocation.Client)invocation, SocketpipeRemote.command(environment), environment,
                line ->
                {
                    err.println(prefix + line);
                    err.flush();
                }).run();
        }
        catch (final SocketpipeException ex)
        {
            if (null != ex.getMessage())
            {
                err.println(SocketpipeException.Kind.USAGE == ex.kind() ? Failures.usageLine(NAME, ex.getMessage()) :
                    prefix + ex.getMessage());
                err.flush();
            }
            return switch (ex.kind())
            {
                case USAGE -> ExitCodes.USAGE;
                case IO -> ExitCodes.IO;
                case TIMEOUT -> ExitCodes.TIMEOUT;
                case STATUS -> ex.status();
            };
        }
        catch (final RuntimeException ex)
        {
            err.println(prefix + Failures.messageOf(ex));
            err.flush();
            return Failures.exitCodeOf(ex);
        }
    }

    /** Spins the FFM downcall classes on the second core while the main thread starts the pipe (see {@link Libc}). */
    private static void prelink()
    {
        try
        {
            Libc.prelink();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            // Only a head start: the main thread links what it needs itself and reports a failure then.
        }
    }

    static boolean asksForHelp(final List<String> words)
    {
        return !words.isEmpty() && List.of("--help", "-?").contains(words.getFirst());
    }

    static boolean asksForVersion(final List<String> words)
    {
        return !words.isEmpty() && "--version".equals(words.getFirst());
    }
}
