package io.netpipe.socketpipe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks that a command can be started before anything else happens, the way a shell looks it up: a name with a
 * slash is a path, any other name is searched in {@code PATH}. Failing early means no socket, login or remote
 * command to clean up, and the shell's statuses: 127 for not found, 126 for not executable.
 */
final class Executables
{
    /** A shell's status for a command not found. */
    static final int NOT_FOUND = 127;
    /** A shell's status for a command found but not executable. */
    static final int NOT_EXECUTABLE = 126;

    private Executables()
    {
    }

    /**
     * @param command     the command and its arguments.
     * @param label       how messages name it, e.g. {@code input command}.
     * @param environment whose {@code PATH} to search.
     * @throws SocketpipeException with status 127 or 126.
     */
    static void require(final List<String> command, final String label, final Map<String, String> environment)
    {
        final String name = command.getFirst();
        if (name.contains("/"))
        {
            final Path path = path(name);
            if (null == path || !Files.exists(path))
            {
                throw new SocketpipeException(NOT_FOUND, label + " not found: " + name);
            }
            if (Files.isDirectory(path) || !Files.isExecutable(path))
            {
                throw new SocketpipeException(NOT_EXECUTABLE, label + " is not executable: " + name);
            }
            return;
        }
        if (null == find(name, environment))
        {
            throw new SocketpipeException(NOT_FOUND, label + " not found: " + name);
        }
    }

    /**
     * Looks a command name without a slash up in {@code PATH}, as {@code posix_spawnp} would with that environment.
     *
     * @return the executable file, or null if there is none.
     */
    static Path find(final String name, final Map<String, String> environment)
    {
        for (final String dir : environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator, -1))
        {
            final Path candidate = path((dir.isEmpty() ? "." : dir) + "/" + name);
            if (null != candidate && Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static Path path(final String name)
    {
        try
        {
            return Path.of(name);
        }
        catch (final InvalidPathException ex)
        {
            return null;
        }
    }
}
