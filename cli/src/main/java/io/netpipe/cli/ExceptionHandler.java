package io.netpipe.cli;

import java.io.UncheckedIOException;

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
        final int code = Failures.exitCodeOf(cause);
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Failures.messageOf(cause));
        cmd.getErr().flush();
        return code;
    }

    /** A usage error: one line naming the command, and a pointer to its help; exit code {@link ExitCodes#USAGE}. */
    @Override
    public int handleParseException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(Failures.usageLine(cmd.getCommandSpec().qualifiedName(), ex.getMessage()));
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int getExitCode(final Throwable exception)
    {
        return Failures.exitCodeOf(exception);
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
}
