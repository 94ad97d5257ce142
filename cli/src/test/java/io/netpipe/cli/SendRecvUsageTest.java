package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input to send and recv: one line on stderr, the usage or I/O exit code, never a stack trace. */
class SendRecvUsageTest
{
    private record Run(int exitCode, List<String> errLines)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter err = new StringWriter();
        final picocli.CommandLine cmd = Netpipe.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        final int code = cmd.execute(args);
        return new Run(code, err.toString().lines().toList());
    }

    private static void assertOneLine(final Run run, final int exitCode, final String expectedLine)
    {
        assertEquals(List.of(expectedLine), run.errLines());
        assertEquals(exitCode, run.exitCode());
    }

    @Test
    void shouldRejectUnknownOption()
    {
        assertOneLine(run("send", "--frobnicate"), ExitCodes.USAGE,
            "netpipe send: Unknown option: '--frobnicate' (see 'netpipe send --help')");
    }

    @Test
    void shouldRejectBadSize()
    {
        assertOneLine(run("send", "--rate", "12Q"), ExitCodes.USAGE,
            "netpipe send: Invalid value for option '--rate': '12Q' is not a size (examples: 1472, 64K, 100M, 1G)" +
                " (see 'netpipe send --help')");
    }

    @Test
    void shouldRejectBadFec()
    {
        assertOneLine(run("send", "--fec", "lots"), ExitCodes.USAGE,
            "netpipe send: Invalid value for option '--fec': 'lots' is not off, auto, on, or a count of parity packets per " +
                "block from 0 to 32 (see 'netpipe send --help')");
        assertOneLine(run("send", "--fec", "33"), ExitCodes.USAGE,
            "netpipe send: Invalid value for option '--fec': '33' is not off, auto, on, or a count of parity packets per " +
                "block from 0 to 32 (see 'netpipe send --help')");
    }

    @Test
    void shouldRejectBadDuration()
    {
        assertOneLine(run("recv", "--timeout", "soon"), ExitCodes.USAGE,
            "netpipe recv: Invalid value for option '--timeout': 'soon' is not a duration (examples: 500ms, 5s, 2m)" +
                " (see 'netpipe recv --help')");
    }

    @Test
    void shouldRejectPortOutOfRange()
    {
        assertOneLine(run("recv", "--port", "70000"), ExitCodes.USAGE,
            "netpipe recv: --port must be from 1 to 65534 (feedback uses port + 1)");
    }

    @Test
    void shouldRejectMoreReceiversThanASessionAdmits()
    {
        assertOneLine(run("send", "--dest", "127.255.255.255", "-n", "1025"), ExitCodes.USAGE,
            "netpipe send: -n must be from 1 to 1024");
    }

    @Test
    void shouldRejectUnknownInterface()
    {
        assertOneLine(run("send", "--dest", "127.255.255.255", "--interface", "nosuch0"), ExitCodes.USAGE,
            "netpipe send: no network interface 'nosuch0' is up");
    }

    @Test
    void shouldRejectDestinationThatIsNotIpv4()
    {
        assertOneLine(run("send", "--dest", "lab-master"), ExitCodes.USAGE,
            "netpipe send: --dest 'lab-master' is not an IPv4 address");
    }

    @Test
    void shouldRejectPacketSizeTooSmall()
    {
        assertOneLine(run("send", "--dest", "127.255.255.255", "--packet-size", "100"), ExitCodes.USAGE,
            "netpipe send: --packet-size must be from 576 to 65507");
    }

    @Test
    @Timeout(10)
    void shouldReportMissingFileAsIoError()
    {
        assertOneLine(run("send", "--dest", "127.255.255.255", "--port", String.valueOf(Processes.freePortPair()),
            "/no/such/file"), ExitCodes.IO, "netpipe send: no such file: /no/such/file");
    }

    @Test
    @Timeout(10)
    void shouldReportBusyFeedbackPortAsIoError() throws Exception
    {
        final int port = Processes.freePortPair();
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(port + 1)))
        {
            assertOneLine(run("send", "--dest", "127.255.255.255", "--port", String.valueOf(port)), ExitCodes.IO,
                "netpipe send: cannot bind: UDP port " + (port + 1) + ": Address already in use");
        }
    }

    @Test
    void shouldListExitCodesInHelp()
    {
        final StringWriter out = new StringWriter();
        final picocli.CommandLine cmd = Netpipe.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("send", "--help"));
        final String help = out.toString();
        for (final String entry : ExitCodes.HELP_LIST)
        {
            final String code = entry.substring(0, entry.indexOf(':'));
            final String text = entry.substring(entry.indexOf(':') + 1);
            assertEquals(true, help.lines().anyMatch(l -> l.trim().startsWith(code) && l.contains(text)), entry);
        }
    }

    @Test
    void shouldRejectLoopWithoutAnOutputOfItsOwn()
    {
        assertOneLine(run("recv", "--loop"), ExitCodes.USAGE, "netpipe recv: --loop needs -o FILE (with {n} or {time} " +
            "to keep each session) or --exec CMD: successive streams on stdout could not be told apart");
    }

    @Test
    void shouldRejectOutputFileAndExecTogether()
    {
        assertOneLine(run("recv", "-o", "x", "--exec", "cat"), ExitCodes.USAGE,
            "netpipe recv: -o and --exec exclude each other: the stream goes to one");
    }

    @Test
    void shouldRejectZeroLoopCount()
    {
        assertOneLine(run("recv", "--loop", "--loop-count", "0", "--exec", "cat"), ExitCodes.USAGE,
            "netpipe recv: --loop-count must be 1 or more");
    }
}
