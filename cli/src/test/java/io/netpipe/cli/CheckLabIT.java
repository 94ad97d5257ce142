package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netpipe check} on two hosts: two network namespaces joined by a veth pair (10.213.113.1 and .2, broadcast
 * .255), created for each test and deleted after it whatever happened. Clean, both sides pass; with an nftables
 * rule dropping the data port on the peer, both fail with exit 7 and the peer names the rule. Root only.
 */
@Timeout(180)
class CheckLabIT
{
    private static final String NET = "10.213.113";
    private static final String BROADCAST = NET + ".255";
    private static final int PORT = 9000;
    private static final Duration EXIT = Duration.ofSeconds(90);
    /** The test JVM's pid in the names: concurrent builds never share (or delete) each other's namespaces. */
    private static final String PREFIX = "npchk" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void removeStaleNamespaces()
    {
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")))
        {
            return;
        }
        // Namespaces of test JVMs killed before their clean-up ran.
        final Matcher m = Pattern.compile("(?m)^npchk([0-9]+)-(?:a|b|probe)\\b").matcher(exec("ip", "netns", "list"));
        while (m.find())
        {
            if (!ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false))
            {
                exec("ip", "netns", "delete", m.group());
            }
        }
    }

    @BeforeEach
    void createHosts()
    {
        assumeHostsAvailable();
        deleteHosts();
        run("ip", "netns", "add", PREFIX + "-a");
        run("ip", "netns", "add", PREFIX + "-b");
        run("ip", "link", "add", "eth0", "netns", PREFIX + "-a", "type", "veth", "peer", "name", "eth0", "netns",
            PREFIX + "-b");
        int host = 1;
        for (final String ns : List.of(PREFIX + "-a", PREFIX + "-b"))
        {
            run("ip", "-n", ns, "link", "set", "lo", "up");
            run("ip", "-n", ns, "addr", "add", NET + "." + host++ + "/24", "brd", "+", "dev", "eth0");
            run("ip", "-n", ns, "link", "set", "eth0", "up");
        }
        // A veth reports carrier (and Java calls it up) a moment after both ends are set up: wait for it, or a
        // fast check finds "no network interface 'eth0' is up".
        for (final String ns : List.of(PREFIX + "-a", PREFIX + "-b"))
        {
            Processes.await("carrier on eth0 in " + ns, Duration.ofSeconds(10),
                () -> exec("ip", "-n", ns, "link", "show", "eth0").contains("LOWER_UP"));
        }
    }

    /** Skips, with the reason, unless this machine can: root, iproute2, nftables, and namespaces that can be made. */
    private static void assumeHostsAvailable()
    {
        assumeTrue("0".equals(exec("id", "-u").strip()), "CheckLabIT needs root: it creates network namespaces");
        for (final String tool : List.of("ip", "nft"))
        {
            assumeTrue(List.of((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")).stream()
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool))),
                "CheckLabIT needs '" + tool + "' (apt-get install iproute2 nftables)");
        }
        final int[] rc = new int[1];
        final String why = exec(rc, "ip", "netns", "add", PREFIX + "-probe");
        exec("ip", "netns", "delete", PREFIX + "-probe");
        assumeTrue(rc[0] == 0, "CheckLabIT needs network namespaces: 'ip netns add' failed: " + why.strip());
    }

    @AfterEach
    void deleteHosts()
    {
        started.forEach(p ->
        {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        for (final String ns : List.of(PREFIX + "-a", PREFIX + "-b"))
        {
            exec("ip", "netns", "delete", ns);
        }
    }

    @Test
    void shouldPassOnCleanHosts() throws Exception
    {
        final Process peer = check("b", "--peer", "--wait", "60s");
        awaitListening();
        final Process prober = check("a", "--peers", "1", "--wait", "30s");

        assertEquals(0, Processes.exitCode(prober, EXIT), read("a.out") + read("a.err"));
        assertEquals(0, Processes.exitCode(peer, EXIT), read("b.out") + read("b.err"));
        assertTrue(read("a.out").contains("ok      interface eth0: up, " + NET + ".1/24, broadcast " + BROADCAST),
            read("a.out"));
        assertTrue(read("b.out").contains("ok      nftables: no rule drops UDP to ports 9000 or 9001, in or out"),
            read("b.out"));
        assertTrue(read("a.out").lines().anyMatch(l -> l.startsWith("ok      exchange: peer '") && l.contains("(" + NET +
            ".2) heard the probe to " + BROADCAST + " port 9000")), read("a.out"));
        assertTrue(read("b.out").lines().anyMatch(l -> l.startsWith("ok      exchange: ") && l.contains("(" + NET +
            ".1) confirmed our answer to its port 9001")), read("b.out"));
    }

    @Test
    void shouldReportRuleDroppingDataPortAndFail() throws Exception
    {
        nft("add", "table", "inet", "npcheck");
        nft("add", "chain", "inet", "npcheck", "input", "{ type filter hook input priority 0; policy accept; }");
        nft("add", "rule", "inet", "npcheck", "input", "udp", "dport", "9000", "drop");

        final Process peer = check("b", "--peer", "--wait", "4s");
        awaitListening();
        final Process prober = check("a", "--peers", "1", "--wait", "2s");

        assertEquals(ExitCodes.CHECK_FAILED, Processes.exitCode(peer, EXIT), read("b.out") + read("b.err"));
        assertEquals(ExitCodes.CHECK_FAILED, Processes.exitCode(prober, EXIT), read("a.out") + read("a.err"));
        assertTrue(read("b.out").lines().anyMatch(l -> l.startsWith("fail    nftables: chain inet npcheck input drops" +
            " incoming data (UDP to port 9000): rule 'udp dport 9000 drop'")), read("b.out"));
        assertTrue(read("b.out").contains("fail    exchange: no probe arrived on UDP port 9000"), read("b.out"));
        assertTrue(read("a.out").contains("fail    exchange: 0 of 1 peers answered the probes to " + BROADCAST +
            " port 9000"), read("a.out"));
        assertTrue(read("b.err").strip().endsWith("a transfer would fail"), read("b.err"));
    }

    private Process check(final String host, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", PREFIX + "-" + host,
            Processes.launcher().toString(), "check", "--interface", "eth0", "--dest", BROADCAST, "--port",
            Integer.toString(PORT)));
        command.addAll(List.of(args));
        final Process p = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(dir.resolve(host + ".out").toFile())
            .redirectError(dir.resolve(host + ".err").toFile())
            .start();
        started.add(p);
        return p;
    }

    private void awaitListening()
    {
        Processes.await("the peer to listen", EXIT, () -> read("b.err").contains("for a probe on UDP port 9000"));
    }

    private void nft(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", PREFIX + "-b", "nft"));
        command.addAll(List.of(args));
        run(command.toArray(new String[0]));
    }

    private String read(final String file)
    {
        try
        {
            return Files.exists(dir.resolve(file)) ? Files.readString(dir.resolve(file)) : "";
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    private static void run(final String... command)
    {
        final int[] rc = new int[1];
        final String out = exec(rc, command);
        assertEquals(0, rc[0], String.join(" ", command) + " failed: " + out);
    }

    private static String exec(final String... command)
    {
        return exec(new int[1], command);
    }

    private static String exec(final int[] rc, final String... command)
    {
        try
        {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                rc[0] = -1;
                return out + " (timed out)";
            }
            rc[0] = p.exitValue();
            return out;
        }
        catch (final IOException ex)
        {
            rc[0] = -1;
            return ex.toString();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            rc[0] = -1;
            return "interrupted";
        }
    }
}
