package io.netpipe.socketpipe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks ssh which host a login command reaches. {@code ssh -G ARGS} evaluates the command line and the ssh
 * configuration (aliases, {@code Host} and {@code Match} blocks, {@code %h} tokens) the way the login will, prints
 * the result as lowercase {@code keyword value} lines and exits without connecting; words after the destination
 * are taken as the remote command and ignored. So the answer is the host ssh really logs in to, not the alias
 * the user typed.
 */
final class SshConfig
{
    /** How long {@code ssh -G} may take (a {@code Match exec} runs a command) before it is killed. */
    static final long TIMEOUT_MS = 10_000;

    private static final String SSH = "ssh";
    private static final String HOSTNAME = "hostname ";

    private SshConfig()
    {
    }

    /**
     * @param login the login command.
     * @return the position of its first word whose file name is {@code ssh} ({@code ssh host},
     *     {@code sudo -u bob /usr/bin/ssh host}), or -1 if it does not run ssh.
     */
    static int sshWord(final List<String> login)
    {
        for (int i = 0; i < login.size(); i++)
        {
            final String word = login.get(i);
            if (SSH.equals(word.substring(word.lastIndexOf('/') + 1)))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Runs {@code ssh -G} with the words after the ssh word, with the login command's environment.
     *
     * @param login       the login command.
     * @param at          the position of its ssh word, from {@link #sshWord}.
     * @param environment the login command's environment: its {@code PATH} finds ssh, its {@code HOME} the config.
     * @return the {@code hostname} ssh prints.
     * @throws IOException with one sentence saying why there is no answer.
     */
    static String hostname(final List<String> login, final int at, final Map<String, String> environment)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(executable(login.get(at), environment));
        command.add("-G");
        command.addAll(login.subList(at + 1, login.size()));
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        final Process process = builder.start();
        // The output is a few KB, far below a pipe's buffer, but ssh must not hang us: kill it at the limit.
        final CompletableFuture<Void> kill = CompletableFuture.runAsync(process::destroyForcibly,
            CompletableFuture.delayedExecutor(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final int status = process.waitFor();
        if (!kill.cancel(false))
        {
            throw new IOException("ssh -G did not finish within " + TIMEOUT_MS / 1000 + "s");
        }
        if (0 != status)
        {
            final String first = output.strip().lines().findFirst().orElse("");
            throw new IOException("ssh -G failed with exit status " + status + (first.isEmpty() ? "" : " (" + first + ")"));
        }
        return output.lines()
            .filter(line -> line.startsWith(HOSTNAME))
            .map(line -> line.substring(HOSTNAME.length()).strip())
            .filter(host -> !host.isEmpty())
            .findFirst()
            .orElseThrow(() -> new IOException("ssh -G printed no hostname"));
    }

    /** The login command's own ssh, found in its {@code PATH}: ProcessBuilder would search this JVM's. */
    private static String executable(final String word, final Map<String, String> environment) throws IOException
    {
        if (word.contains("/"))
        {
            return word;
        }
        final Path found = Executables.find(word, environment);
        if (null == found)
        {
            throw new IOException(word + " is not in PATH");
        }
        return found.toString();
    }
}
