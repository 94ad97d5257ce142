package io.netpipe.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server on 127.0.0.1, for tests that log in through real ssh: its own configuration, host key
 * and authorized client key in a temporary directory, on a free port, started as root (sshd needs root to log
 * users in) and stopped by {@link #close()}. Debian's openssh-server is installed by {@code .ci/run}.
 */
final class SocketpipeSshd implements AutoCloseable
{
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final long START_TIMEOUT_MS = 15_000;

    private final Process process;
    private final Path clientKey;
    private final int port;

    private SocketpipeSshd(final Process process, final Path clientKey, final int port)
    {
        this.process = process;
        this.clientKey = clientKey;
        this.port = port;
    }

    /** @return why sshd cannot run here, or null if it can. */
    static String unavailableReason()
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            return "sshd tests need root (sshd logs users in only as root)";
        }
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(Path.of("/usr/bin/ssh-keygen")))
        {
            return "openssh-server is not installed (.ci/run installs it)";
        }
        return null;
    }

    /** Starts sshd with files in {@code dir} and waits until it accepts connections. */
    static SocketpipeSshd start(final Path dir) throws IOException, InterruptedException
    {
        final Path hostKey = dir.resolve("host_key");
        final Path clientKey = dir.resolve("client_key");
        keygen(hostKey);
        keygen(clientKey);
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        final int port = freePort();
        final Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PidFile " + dir.resolve("sshd.pid"),
            "StrictModes no",
            "UsePAM no",
            "PermitRootLogin yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "LogLevel ERROR",
            ""));
        final Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
        final SocketpipeSshd sshd = new SocketpipeSshd(process, clientKey, port);
        try
        {
            sshd.awaitListening(dir);
            return sshd;
        }
        catch (final IOException | RuntimeException ex)
        {
            sshd.close();
            throw ex;
        }
    }

    /** @return the login command's words: ssh to this server, without questions. */
    List<String> login()
    {
        return List.of("ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", clientKey.toString(), "-p", Integer.toString(port),
            "127.0.0.1");
    }

    @Override
    public void close() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitListening(final Path dir) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + START_TIMEOUT_MS * 1_000_000;
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (!process.isAlive())
            {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket probe = new Socket())
            {
                probe.connect(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port), 1000);
                return;
            }
            catch (final IOException notYet)
            {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("sshd did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT_MS + " ms");
    }

    private static void keygen(final Path key) throws IOException, InterruptedException
    {
        final Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
            .redirectErrorStream(true).start();
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || 0 != keygen.exitValue())
        {
            throw new IOException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
    }
}
