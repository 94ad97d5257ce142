package io.netpipe.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;

import io.netpipe.agent.AgentFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a subcommand throws into one line on stderr and an exit code from {@link ExitCodes}.
 * Known causes get a sentence; anything else is a bug and says so, still in one line.
 * <p>
 * One named class rather than lambdas: picocli's interfaces are Java 5 class files, which the JDK's AOT cache
 * cannot link, and a lambda implementing one makes the cache's creation crash (JDK 25.0.3).
 */
final class ExceptionHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper
{
    @Override
    public int handleExecutionException(final Exception ex, final CommandLine cmd, final ParseResult parseResult)
    {
        final Throwable cause = unwrap(ex);
        final int code = exitCodeOf(cause);
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + messageOf(cause));
        cmd.getErr().flush();
        return code;
    }

    /** A usage error: one line naming the command, and a pointer to its help; exit code {@link ExitCodes#USAGE}. */
    @Override
    public int handleParseException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(usageLine(cmd.getCommandSpec().qualifiedName(), ex.getMessage()));
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** @return a usage error as every command prints it: {@code netpipe send: MESSAGE (see 'netpipe send --help')}. */
    static String usageLine(final String command, final String message)
    {
        return command + ": " + message + " (see '" + command + " --help')";
    }

    @Override
    public int getExitCode(final Throwable exception)
    {
        return exitCodeOf(exception);
    }

    static Throwable unwrap(final Throwable ex)
    {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof CommandLine.ExecutionException) && null != t.getCause())
        {
            t = t.getCause();
        }
        return t;
    }

    static int exitCodeOf(final Throwable t)
    {
        if (t instanceof NetpipeException ne)
        {
            return ne.exitCode();
        }
        if (t instanceof IOException)
        {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }

    static String messageOf(final Throwable t)
    {
        if (t instanceof NetpipeException)
        {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException)
        {
            return "no such file: " + t.getMessage();
        }
        if (t instanceof BindException)
        {
            return "cannot bind: " + t.getMessage();
        }
        if (t instanceof SocketException || t instanceof IOException)
        {
            return "I/O error: " + (null == t.getMessage() ? t.getClass().getSimpleName() : t.getMessage());
        }
        if (t instanceof AgentFailedException)
        {
            // Its message names the thread, the cause and where it was thrown.
            return "internal error: " + t.getMessage();
        }
        final StackTraceElement[] where = t.getStackTrace();
        return "internal error: " + t + (where.length > 0 ? " at " + where[0] : "");
    }
}
