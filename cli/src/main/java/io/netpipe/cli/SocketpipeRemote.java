package io.netpipe.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Finds the words that run netpipe on the remote host of socketpipe mode. The login command runs them there, so
 * they must be valid on that host: {@code NETPIPE_REMOTE} (words separated by spaces, no quoting) says so
 * explicitly; by default it is this installation's own launcher by absolute path, which holds when both hosts
 * share the layout (and always with a local login such as {@code env}); last, {@code netpipe} from the remote PATH.
 */
final class SocketpipeRemote
{
    /** The environment variable that overrides the remote netpipe command. */
    static final String VARIABLE = "NETPIPE_REMOTE";

    private SocketpipeRemote()
    {
    }

    /** @return the remote netpipe command's words. */
    static List<String> command(final Map<String, String> environment)
    {
        final String override = environment.getOrDefault(VARIABLE, "").strip();
        if (!override.isEmpty())
        {
            return Arrays.asList(override.split("\\s+"));
        }
        final String home = System.getProperty("netpipe.home");
        if (null != home && Files.isExecutable(Path.of(home, "bin", "netpipe")))
        {
            return List.of(Path.of(home, "bin", "netpipe").toAbsolutePath().normalize().toString());
        }
        final Path launcher = launcherBesideJar();
        return List.of(null == launcher ? "netpipe" : launcher.toString());
    }

    /** @return {@code HOME/bin/netpipe} when running from {@code HOME/cli/target/netpipe.jar}, else null. */
    private static Path launcherBesideJar()
    {
        try
        {
            final Path jar = Path.of(SocketpipeRemote.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path home = jar.toAbsolutePath().getParent().getParent().getParent();
            final Path launcher = home.resolve("bin").resolve("netpipe");
            return Files.isExecutable(launcher) ? launcher.normalize() : null;
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            return null;
        }
    }
}
