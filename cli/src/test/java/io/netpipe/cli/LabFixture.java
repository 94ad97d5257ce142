package io.netpipe.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab of real hosts for the {@code Lab*IT} tests: {@code bench/lab.sh} builds a sender and N receivers in network
 * namespaces, and this fixture runs the built jar inside them. Each test class uses its own namespace prefix, so
 * classes never share a lab, and {@link #close()} removes the lab whatever happened (call it from {@code @AfterEach}).
 */
final class LabFixture implements AutoCloseable
{
    /** Addresses of the lab's private /24 (only inside its namespaces). */
    final String net;
    private final String prefix;
    private final Path home;
    private final Path jar;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();

    /**
     * @param name   short name of this lab, distinct per test class (letters only).
     * @param net    first three octets of the lab's /24.
     * @param logs   directory for every process's stderr.
     */
    LabFixture(final String name, final String net, final Path logs)
    {
        // The test JVM's pid in the namespace names: two builds on one machine (two worktrees, a CI job next to a
        // developer) each get their own labs, and one's clean-up never removes the other's.
        this.prefix = name + ProcessHandle.current().pid();
        this.net = net;
        this.home = Path.of(System.getProperty("netpipe.home", "..")).toAbsolutePath().normalize();
        this.jar = Path.of(System.getProperty("netpipe.jar", "target/netpipe.jar")).toAbsolutePath();
        this.logs = logs;
    }

    /**
     * Skips the calling test, with the reason, unless this machine can build a lab: root, iproute2, nftables, ethtool,
     * and network namespaces that can actually be created (a container may forbid them even to root).
     */
    static void assumeLabAvailable()
    {
        assumeTrue(isRoot(), "lab tests need root: they create network namespaces (run bin/test as root)");
        for (final String tool : List.of("ip", "nft", "ethtool", "tc"))
        {
            assumeTrue(onPath(tool), "lab tests need '" + tool + "' (apt-get install iproute2 nftables ethtool)");
        }
        final String probe = "npprobe" + ProcessHandle.current().pid();
        final Result add = exec(List.of("ip", "netns", "add", probe));
        exec(List.of("ip", "netns", "delete", probe));
        assumeTrue(add.rc() == 0, "lab tests need network namespaces: 'ip netns add' failed: " + add.output().strip());
    }

    /**
     * Removes labs left behind by test JVMs that no longer exist (killed before their clean-up ran). A lab's
     * namespaces are named {@code <letters><pid>-<host>}; a lab whose pid is alive belongs to a running build.
     */
    static void removeStaleLabs()
    {
        final Result list = exec(List.of("ip", "netns", "list"));
        final Set<String> stale = new TreeSet<>();
        final Matcher m = Pattern.compile("(?m)^(np[a-z]+)([0-9]+)-(?:tx|br|rx[0-9]+)\\b")
            .matcher(list.output());
        while (m.find())
        {
            final long pid = Long.parseLong(m.group(2));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            {
                continue;
            }
            stale.add(m.group(1) + m.group(2));
        }
        final Path script = Path.of(System.getProperty("netpipe.home", "..")).toAbsolutePath().normalize()
            .resolve("bench/lab.sh");
        for (final String prefix : stale)
        {
            exec(List.of(script.toString(), "down"), "NPLAB_PREFIX", prefix);
        }
    }

    /**
     * Builds the lab (removing any leftover of an earlier run first).
     *
     * @param receivers how many receivers.
     */
    void up(final int receivers)
    {
        lab("up", Integer.toString(receivers));
    }

    /**
     * @param host      {@code "all"} or a receiver's number.
     * @param permille  random drop of incoming UDP, per mille.
     */
    void loss(final String host, final int permille)
    {
        lab("loss", host, Integer.toString(permille));
    }

    /** @param receiver the receiver whose cable is pulled: its bridge port goes down. */
    void linkDown(final int receiver)
    {
        lab("linkdown", Integer.toString(receiver));
    }

    /** @param receiver the receiver whose cable is plugged back in. */
    void linkUp(final int receiver)
    {
        lab("linkup", Integer.toString(receiver));
    }

    /**
     * @param receiver a receiver's number.
     * @return its address.
     */
    String receiverAddress(final int receiver)
    {
        return net + "." + (10 + receiver);
    }

    /** @return the lab subnet's broadcast address. */
    String broadcastAddress()
    {
        return net + ".255";
    }

    /**
     * Starts {@code netpipe recv ARGS} in a receiver's namespace; its stderr goes to {@code rxI.err} in the log
     * directory, its stdout to {@code stdout} (a file, or null to keep it as a pipe for {@link #sha256Async}).
     *
     * @param receiver the receiver's number.
     * @param stdout   where its standard output goes, or null for a pipe.
     * @param args     arguments after {@code recv}.
     * @return the process.
     * @throws IOException if it cannot be started.
     */
    Process recv(final int receiver, final Path stdout, final String... args) throws IOException
    {
        final List<String> cmd = new ArrayList<>(List.of("recv"));
        cmd.addAll(List.of(args));
        return start(prefix + "-rx" + receiver, "rx" + receiver, cmd, stdout);
    }

    /**
     * Starts {@code netpipe send ARGS} in the sender's namespace; stderr goes to {@code tx.err}.
     *
     * @param args arguments after {@code send}.
     * @return the process.
     * @throws IOException if it cannot be started.
     */
    Process send(final String... args) throws IOException
    {
        final List<String> cmd = new ArrayList<>(List.of("send"));
        cmd.addAll(List.of(args));
        return start(prefix + "-tx", "tx", cmd, Path.of("/dev/null"));
    }

    /**
     * Starts {@code netpipe send ARGS} in a receiver's namespace: a second sender on another host of the lab.
     *
     * @param host the receiver namespace's number.
     * @param name the name of its stderr log ({@code NAME.err}).
     * @param args arguments after {@code send}.
     * @return the process.
     * @throws IOException if it cannot be started.
     */
    Process sendOn(final int host, final String name, final String... args) throws IOException
    {
        final List<String> cmd = new ArrayList<>(List.of("send"));
        cmd.addAll(List.of(args));
        return start(prefix + "-rx" + host, name, cmd, Path.of("/dev/null"));
    }

    /**
     * Starts a test class's {@code main} in a receiver's namespace (an attacker host), with the test classes and the
     * built jar on its class path; its stdin and stdout stay pipes to talk to it, its stderr goes to {@code NAME.err}.
     *
     * @param host      the namespace's number.
     * @param name      the name of its stderr log.
     * @param mainClass the class to run.
     * @param args      its arguments.
     * @return the process.
     * @throws IOException if it cannot be started.
     */
    Process java(final int host, final String name, final Class<?> mainClass, final String... args) throws IOException
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Path testClasses = Path.of(System.getProperty("netpipe.testClasses", "target/test-classes"))
            .toAbsolutePath();
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", prefix + "-rx" + host,
            java.toString(), "-cp", testClasses + File.pathSeparator + jar, mainClass.getName()));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectError(logs.resolve(name + ".err").toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * Runs a command in a receiver's namespace.
     *
     * @param host the namespace's number.
     * @param args the command.
     * @return whether it exited 0.
     */
    boolean exec(final int host, final String... args)
    {
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", prefix + "-rx" + host));
        cmd.addAll(List.of(args));
        return exec(cmd).rc() == 0;
    }

    /** @return the sender's address. */
    String senderAddress()
    {
        return net + ".1";
    }

    private Process start(final String namespace, final String name, final List<String> netpipeArgs, final Path stdout)
        throws IOException
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
            java.toString(), "-XX:+UseParallelGC", "-jar", jar.toString()));
        cmd.addAll(netpipeArgs);
        final ProcessBuilder pb = new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(logs.resolve(name + ".err").toFile());
        if (stdout != null)
        {
            pb.redirectOutput(stdout.toFile());
        }
        final Process p = pb.start();
        processes.add(p);
        return p;
    }

    /**
     * @param name {@code "tx"} or {@code "rxI"}.
     * @return what that process wrote to stderr so far.
     */
    String stderr(final String name)
    {
        try
        {
            final Path f = logs.resolve(name + ".err");
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    /**
     * @param names processes ({@code "tx"}, {@code "rxI"}).
     * @return the last lines of each one's stderr, for assertion messages.
     */
    String stderrTails(final String... names)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String name : names)
        {
            final List<String> lines = stderr(name).replace('\r', '\n').lines().filter(l -> !l.isBlank()).toList();
            sb.append("\n--- ").append(name).append(" stderr:\n");
            lines.subList(Math.max(0, lines.size() - 6), lines.size()).forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    /**
     * Waits for a process, killing it if it takes longer.
     *
     * @param p       the process.
     * @param seconds how long at most.
     * @return its exit code, or -1 if it had to be killed.
     * @throws InterruptedException if interrupted.
     */
    static int await(final Process p, final long seconds) throws InterruptedException
    {
        if (p.waitFor(seconds, TimeUnit.SECONDS))
        {
            return p.exitValue();
        }
        kill(p);
        return -1;
    }

    /** Kills every process this fixture started, then removes the lab. Never throws. */
    @Override
    public void close()
    {
        processes.forEach(LabFixture::kill);
        lab("down");
    }

    private static void kill(final Process p)
    {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * @param args a {@code bench/lab.sh} command for this lab.
     * @return its exit status.
     */
    int script(final String... args)
    {
        return run(args).rc();
    }

    private Result run(final String... args)
    {
        final List<String> cmd = new ArrayList<>(List.of(home.resolve("bench/lab.sh").toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, "NPLAB_PREFIX", prefix, "NPLAB_NET", net);
    }

    /**
     * Runs a {@code bench/lab.sh} command for this lab.
     *
     * @param args the command.
     * @throws IllegalStateException with its output when it fails.
     */
    void lab(final String... args)
    {
        final Result r = run(args);
        if (r.rc() != 0)
        {
            throw new IllegalStateException("lab.sh " + String.join(" ", args) + " failed (" + r.rc() + "): "
                + r.output().strip());
        }
    }

    private record Result(int rc, String output)
    {
    }

    private static Result exec(final List<String> cmd, final String... env)
    {
        try
        {
            final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            for (int i = 0; i < env.length; i += 2)
            {
                pb.environment().put(env[i], env[i + 1]);
            }
            final Process p = pb.start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new Result(-1, out + " (timed out)");
            }
            return new Result(p.exitValue(), out);
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static boolean isRoot()
    {
        try
        {
            // "Uid:\t<real>\t<effective>...": effective uid 0 is what namespaces need.
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:"))
                .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    private static boolean onPath(final String command)
    {
        for (final String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code size} pseudo-random bytes (fixed seed) to a file.
     *
     * @param file where.
     * @param size how many bytes.
     * @return the file.
     * @throws IOException if it cannot be written.
     */
    static Path randomFile(final Path file, final long size) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(size);
        final byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (long left = size; left > 0; left -= buf.length)
            {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(left, buf.length));
            }
        }
        return file;
    }

    /**
     * @param file a file.
     * @return its SHA-256 in hex.
     * @throws IOException if it cannot be read.
     */
    static String sha256(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return sha256(in);
        }
    }

    /**
     * Hashes a process's stdout on a thread of its own, so the process never blocks on a full pipe.
     *
     * @param p the process, started with a null stdout.
     * @return its stdout's SHA-256 in hex, once it is closed.
     */
    static CompletableFuture<String> sha256Async(final Process p)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sha256-" + p.pid()).start(() ->
        {
            try (InputStream in = p.getInputStream())
            {
                result.complete(sha256(in));
            }
            catch (final IOException ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }

    private static String sha256(final InputStream in) throws IOException
    {
        try
        {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            final byte[] buf = new byte[1 << 20];
            int r;
            while ((r = in.read(buf)) >= 0)
            {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
