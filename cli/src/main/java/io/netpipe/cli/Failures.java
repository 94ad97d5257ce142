package io.netpipe.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;

import io.netpipe.agent.AgentFailedException;

/**
 * The one-line message and exit code for a failure, shared by picocli's handlers ({@link ExceptionHandler}) and
 * socketpipe's path that never loads picocli ({@link SocketpipeMain}): this class names no picocli type.
 */
final class Failures
{
    private Failures()
    {
    }

    /** @return a usage error as every command prints it: {@code netpipe send: MESSAGE (see 'netpipe send --help')}. */
    static String usageLine(final String command, final String message)
    {
        return command + ": " + message + " (see '" + command + " --help')";
    }

    /** @return the exit code from {@link ExitCodes} for a failure. */
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

    /** @return one line saying what failed: a known cause in words, anything else as an internal error. */
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
