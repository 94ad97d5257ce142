package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code netpipe check}'s command line: bad input is one line and exit 2; the help lists exit code 7. */
class CheckCommandTest
{
    private record Run(int exitCode, String out, List<String> errLines)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter err = new StringWriter();
        final StringWriter out = new StringWriter();
        final picocli.CommandLine cmd = Netpipe.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));
        final int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString().lines().toList());
    }

    @Test
    void shouldRejectPortWithoutRoomForFeedback()
    {
        final Run run = run("check", "--local", "--port", "65535");
        assertEquals(List.of("netpipe check: --port must be from 1 to 65534 (feedback uses port + 1)"), run.errLines());
        assertEquals(ExitCodes.USAGE, run.exitCode());
    }

    @Test
    void shouldRejectPeersOnTheAnsweringSide()
    {
        final Run run = run("check", "--peer", "--peers", "2");
        assertEquals(List.of("netpipe check: --peers must be 0 or more, and is for the probing side only"), run.errLines());
        assertEquals(ExitCodes.USAGE, run.exitCode());
    }

    @Test
    void shouldRejectDestinationThatIsNotIpv4()
    {
        final Run run = run("check", "--local", "--dest", "lab-clients");
        assertEquals(List.of("netpipe check: --dest 'lab-clients' is not an IPv4 address"), run.errLines());
        assertEquals(ExitCodes.USAGE, run.exitCode());
    }

    @Test
    void shouldRejectZeroWait()
    {
        final Run run = run("check", "--wait", "0s");
        assertEquals(List.of("netpipe check: --wait must be longer than zero"), run.errLines());
        assertEquals(ExitCodes.USAGE, run.exitCode());
    }

    @Test
    void shouldFailOnMissingInterfaceWithoutStackTrace()
    {
        // A destination given, yet nothing is sent without the interface to send it by.
        final Run run = run("check", "--interface", "nosuch0", "--dest", "127.255.255.255", "--port", "47310");
        assertTrue(run.out().lines().anyMatch(l -> l.equals("fail    interface: no network interface 'nosuch0' is up")),
            run.out());
        assertTrue(run.out().lines().noneMatch(l -> l.contains("exchange") || l.contains("route")), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.matches("(ok|warning|fail) +\\S.*")), run.out());
        assertEquals(List.of("netpipe check: " + run.out().lines().filter(l -> l.startsWith("ok")).count() + " ok, " +
            run.out().lines().filter(l -> l.startsWith("warning")).count() + " warning" +
            (run.out().lines().filter(l -> l.startsWith("warning")).count() == 1 ? "" : "s") + ", " +
            run.out().lines().filter(l -> l.startsWith("fail")).count() + " fail: a transfer would fail"), run.errLines());
        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode());
    }

    @Test
    void shouldListCheckExitCodeInHelp()
    {
        final Run run = run("check", "--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(" +7 +check: a finding says a transfer would fail")), run.out());
        assertTrue(run.out().contains("--peer"), run.out());
    }
}
