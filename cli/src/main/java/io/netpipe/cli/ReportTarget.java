package io.netpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where {@code --report} goes: a file, written whole at the end (to a temporary file beside it, then renamed, so a
 * reader never sees half a report), or stdout for {@code -}. Checked before the run starts, so a run is not wasted
 * on a report that cannot be written.
 */
final class ReportTarget
{
    private final Path file;
    private final PrintWriter stdout;
    private final PrintWriter err;
    private final String command;

    private ReportTarget(final Path file, final PrintWriter stdout, final PrintWriter err, final String command)
    {
        this.file = file;
        this.stdout = stdout;
        this.err = err;
        this.command = command;
    }

    /**
     * @param option        the {@code --report} argument, or {@code null} for none.
     * @param stdoutIsData  whether the stream's data goes to stdout (then {@code -} is refused).
     * @param stdout        stdout.
     * @param err           stderr, for a report that cannot be written.
     * @param command       "send" or "recv".
     * @return the target, or {@code null} without {@code --report}.
     * @throws NetpipeException (usage) for {@code -} while the data goes to stdout, or a file in no directory.
     */
    static ReportTarget of(final String option, final boolean stdoutIsData, final PrintWriter stdout,
        final PrintWriter err, final String command)
    {
        if (null == option)
        {
            return null;
        }
        if ("-".equals(option))
        {
            if (stdoutIsData)
            {
                throw new NetpipeException(ExitCodes.USAGE,
                    "--report - needs -o FILE: without it the stream itself goes to stdout");
            }
            return new ReportTarget(null, stdout, err, command);
        }
        if (option.isEmpty())
        {
            throw new NetpipeException(ExitCodes.USAGE, "--report needs a file name, or - for stdout");
        }
        final Path file = Path.of(option).toAbsolutePath();
        if (Files.isDirectory(file) || !Files.isDirectory(file.getParent()))
        {
            throw new NetpipeException(ExitCodes.USAGE, "--report " + option + ": " +
                (Files.isDirectory(file) ? "is a directory" : "no such directory: " + file.getParent()));
        }
        return new ReportTarget(file, null, err, command);
    }

    /**
     * Writes the report.
     *
     * @param json     the document.
     * @param exitCode the run's exit code.
     * @return the exit code to end with: the run's, or {@link ExitCodes#IO} for a run that succeeded but whose
     *         report could not be written.
     */
    int write(final String json, final int exitCode)
    {
        if (null == file)
        {
            stdout.print(json);
            stdout.flush();
            return exitCode;
        }
        final Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try
        {
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            try
            {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return exitCode;
        }
        catch (final IOException ex)
        {
            err.println("netpipe " + command + ": cannot write the report " + file + ": " + ex.getMessage());
            err.flush();
            return exitCode == ExitCodes.OK ? ExitCodes.IO : exitCode;
        }
    }
}
