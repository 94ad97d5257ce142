package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netpipe check --peer} against {@code netpipe check} as two processes on loopback, broadcast to
 * 127.255.255.255 on a random free port pair: both pass; a prober alone or a peer alone fails with exit 7.
 */
@Timeout(120)
class CheckLoopbackIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final int port = Processes.freePortPair();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        started.forEach(Process::destroyForcibly);
    }

    private Process check(final String name, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("check", "--interface", "lo", "--dest", "127.255.255.255",
            "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        final Process p = Processes.start(command, Map.of(), null, dir.resolve(name + ".out"), dir.resolve(name + ".err"));
        p.getOutputStream().close();
        started.add(p);
        return p;
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

    /** Every line of stdout is one finding; stderr ends with the summary; nothing looks like a stack trace. */
    private void assertReportShape(final String name)
    {
        final String out = read(name + ".out");
        assertTrue(out.lines().allMatch(l -> l.matches("(ok|warning|fail) +\\S.*")), name + " stdout:\n" + out);
        assertTrue(read(name + ".err").lines().reduce((a, b) -> b).orElse("").startsWith("netpipe check: "),
            name + " stderr:\n" + read(name + ".err"));
        assertTrue(!out.contains("Exception") && !read(name + ".err").contains("Exception"));
    }

    @Test
    void shouldExchangeDatagramsBothWaysWithPeer() throws Exception
    {
        final Process peer = check("peer", "--peer", "--wait", "60s");
        Processes.await("the peer to listen", EXIT, () -> read("peer.err").contains("waiting up to 60 s for a probe"));
        final Process prober = check("prober", "--peers", "1", "--wait", "20s");

        assertEquals(0, Processes.exitCode(prober, EXIT), read("prober.out") + read("prober.err"));
        assertEquals(0, Processes.exitCode(peer, EXIT), read("peer.out") + read("peer.err"));
        assertTrue(read("prober.out").lines().anyMatch(l -> l.startsWith("ok      exchange: peer '") &&
            l.contains("(127.0.0.1) heard the probe to 127.255.255.255 port " + port + " and its answer came back to" +
            " port " + (port + 1))), read("prober.out"));
        assertTrue(read("peer.out").lines().anyMatch(l -> l.startsWith("ok      exchange: a probe from '") &&
            l.endsWith("(127.0.0.1) arrived on UDP port " + port)), read("peer.out"));
        assertTrue(read("peer.out").lines().anyMatch(l -> l.startsWith("ok      exchange: ") &&
            l.endsWith("confirmed our answer to its port " + (port + 1) + ": feedback reaches the sender")), read("peer.out"));
        assertReportShape("prober");
        assertReportShape("peer");
    }

    @Test
    void shouldFailWhenExpectedPeerDoesNotAnswer() throws Exception
    {
        final Process prober = check("prober", "--peers", "1", "--wait", "1s");
        assertEquals(ExitCodes.CHECK_FAILED, Processes.exitCode(prober, EXIT), read("prober.out"));
        assertTrue(read("prober.out").contains("fail    exchange: 0 of 1 peers answered the probes to 127.255.255.255" +
            " port " + port + " within 1.0 s"), read("prober.out"));
        assertTrue(read("prober.err").strip().endsWith("fail: a transfer would fail"), read("prober.err"));
        assertReportShape("prober");
    }

    @Test
    void shouldFailWhenNoProbeArrivesAtPeer() throws Exception
    {
        final Process peer = check("peer", "--peer", "--wait", "1s");
        assertEquals(ExitCodes.CHECK_FAILED, Processes.exitCode(peer, EXIT), read("peer.out"));
        assertTrue(read("peer.out").contains("fail    exchange: no probe arrived on UDP port " + port + " within 1.0 s"),
            read("peer.out"));
        assertReportShape("peer");
    }
}
