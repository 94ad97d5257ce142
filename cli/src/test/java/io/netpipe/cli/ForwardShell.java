package io.netpipe.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code netpipe forward} started by a {@code bash -c} script, as users start it from scripts: the script's words
 * come first, then {@code "$NETPIPE" forward ...}. Both output streams are read line by line into queues.
 */
final class ForwardShell implements AutoCloseable
{
    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+),.*");

    private final Process shell;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final List<String> stderrSeen = new ArrayList<>();

    /** @param script a bash script in which {@code $NETPIPE} is the launcher. */
    ForwardShell(final String script) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().put("NETPIPE", Processes.launcher().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        shell = builder.start();
        pump(shell.getInputStream(), stdout);
        pump(shell.getErrorStream(), stderr);
    }

    /** @return the next stdout line, failing after 20 s. */
    String nextStdoutLine() throws InterruptedException
    {
        final String line = stdout.poll(20, TimeUnit.SECONDS);
        if (null == line)
        {
            throw new AssertionError("no line on stdout; stderr so far: " + stderrSeen);
        }
        return line;
    }

    /** @return the first stderr line containing the fragment, failing after 20 s without one. */
    String awaitLine(final String fragment) throws InterruptedException
    {
        while (true)
        {
            final String line = stderr.poll(20, TimeUnit.SECONDS);
            if (null == line)
            {
                throw new AssertionError("no line containing '" + fragment + "'; seen: " + stderrSeen);
            }
            stderrSeen.add(line);
            if (line.contains(fragment))
            {
                return line;
            }
        }
    }

    /** @return the relay's port, from its {@code -v} listening line. */
    int port() throws InterruptedException
    {
        final Matcher m = LISTENING.matcher(awaitLine("listening on"));
        if (!m.matches())
        {
            throw new AssertionError("no port in " + stderrSeen);
        }
        return Integer.parseInt(m.group(1));
    }

    /** @return the stderr lines read so far by {@link #awaitLine}. */
    List<String> seen()
    {
        return List.copyOf(stderrSeen);
    }

    Process process()
    {
        return shell;
    }

    private static void pump(final java.io.InputStream in, final LinkedBlockingQueue<String> lines)
    {
        Thread.ofPlatform().daemon().start(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, US_ASCII)))
            {
                for (String line = reader.readLine(); null != line; line = reader.readLine())
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process is gone
            }
        });
    }

    @Override
    public void close() throws InterruptedException
    {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
        shell.waitFor(10, TimeUnit.SECONDS);
    }
}
