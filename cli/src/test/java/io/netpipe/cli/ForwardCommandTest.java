package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.forward.ConnectionReport;

/** The forward command line in-process: what fails before anything runs, with one line and an exit code. */
class ForwardCommandTest
{
    private final StringWriter err = new StringWriter();

    @Test
    void shouldExitTwoWithOneLineWhenArgumentsAreMissing()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "6000"));
        assertOneLine("Missing required parameter");
    }

    @Test
    void shouldExitTwoWhenTheListenPortIsOutOfRange()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "70000", "127.0.0.1:5000"));
        assertOneLine("port must be a number from 0 to 65535");
    }

    @Test
    void shouldExitTwoWhenTheBackendHasNoHost()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "6000", "5000"));
        assertOneLine("is not HOST:PORT");
    }

    @Test
    void shouldExitTwoWhenTheBackendPortIsZero()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "6000", "127.0.0.1:0"));
        assertOneLine("backend port must be from 1 to 65535");
    }

    @Test
    void shouldExitTwoWhenMaxConnectionsIsNegative()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "--max-connections", "-1", "6000", "127.0.0.1:5000"));
        assertOneLine("--max-connections must be 0 (no limit) or more");
    }

    @Test
    void shouldExitTwoWhenTheIdleTimeoutIsNotADuration()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "--idle-timeout", "soon", "6000", "127.0.0.1:5000"));
        assertOneLine("is not a duration");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldExitFiveNamingThePortWhenItCannotBeBound() throws IOException
    {
        try (ServerSocketChannel taken = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final int port = ((InetSocketAddress)taken.getLocalAddress()).getPort();
            assertEquals(ExitCodes.IO, run("forward", "127.0.0.1:" + port, "127.0.0.1:5000"));
            assertOneLine("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void shouldListenOnLoopbackWhenNoBindAddressIsGiven()
    {
        final InetSocketAddress listen = new ForwardAddresses.Listen().convert("6000");
        assertEquals("127.0.0.1:6000", ForwardAddresses.format(listen));
        assertEquals("127.0.0.1:6000", ForwardAddresses.format(new ForwardAddresses.Listen().convert(":6000")));
    }

    @Test
    void shouldListenWhereTheBindAddressSays()
    {
        assertEquals("0.0.0.0:6000", ForwardAddresses.format(new ForwardAddresses.Listen().convert("0.0.0.0:6000")));
        assertEquals("[0:0:0:0:0:0:0:1]:6000",
            ForwardAddresses.format(new ForwardAddresses.Listen().convert("[::1]:6000")));
    }

    @Test
    void shouldSummariseACutPairWithItsReason()
    {
        final InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41234);
        final InetSocketAddress backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
        final StringWriter out = new StringWriter();
        new ForwardLog(new PrintWriter(out), true).closed(
            new ConnectionReport(client, backend, 5, 7, 1_500_000_000L, "idle timeout"));
        assertEquals("netpipe forward: 127.0.0.1:41234 -> 127.0.0.1:5000: cut (idle timeout) after 1.500 s, "
            + "5 bytes to backend, 7 bytes to client" + System.lineSeparator(), out.toString());
    }

    @Test
    void shouldAlwaysLogARefusedBackend()
    {
        final InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41234);
        final InetSocketAddress backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
        final StringWriter out = new StringWriter();
        new ForwardLog(new PrintWriter(out), false).connectFailed(client, backend, "connection refused");
        assertEquals("netpipe forward: 127.0.0.1:41234 -> 127.0.0.1:5000: connection refused"
            + System.lineSeparator(), out.toString());
    }

    private int run(final String... args)
    {
        final picocli.CommandLine cmd = Netpipe.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    private void assertOneLine(final String expected)
    {
        final String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains(expected), text);
    }
}
