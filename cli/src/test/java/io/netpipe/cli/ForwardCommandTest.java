package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
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
        assertEquals("[::1]:6000", ForwardAddresses.format(new ForwardAddresses.Listen().convert("[::1]:6000")));
    }

    @Test
    void shouldPrintIpv6AddressesInCompressedForm()
    {
        assertEquals("[::]:5080", ForwardAddresses.format(new InetSocketAddress(InetAddress.ofLiteral("::"), 5080)));
        assertEquals("[2001:db8::1:0:0:1]:80", ForwardAddresses.format(
            new InetSocketAddress(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"), 80)), "first of two equal runs");
        assertEquals("[2001:db8:0:1:1:1:1:1]:80", ForwardAddresses.format(
            new InetSocketAddress(InetAddress.ofLiteral("2001:0db8:0:1:1:1:1:1"), 80)), "one zero group stays");
        assertEquals("[fe80::1]:22", ForwardAddresses.format(
            new InetSocketAddress(InetAddress.ofLiteral("fe80:0:0:0:0:0:0:1"), 22)));
        assertEquals("[1::]:22", ForwardAddresses.format(new InetSocketAddress(InetAddress.ofLiteral("1::"), 22)));
    }

    @Test
    void shouldKeepABackendNameUnresolvedSoThatEveryAddressIsTried()
    {
        final InetSocketAddress backend = new ForwardAddresses.Backend().convert("localhost:5098");
        assertTrue(backend.isUnresolved(), "resolved per connection");
        assertEquals("localhost:5098", ForwardAddresses.format(backend));
        assertEquals("[::1]:5098", ForwardAddresses.format(new ForwardAddresses.Backend().convert("[::1]:5098")));
    }

    @Test
    void shouldExitTwoWhenTheBackendNameDoesNotResolve()
    {
        assertEquals(ExitCodes.USAGE, run("forward", "6000", "no-such-host.invalid:5000"));
        assertOneLine("cannot resolve host 'no-such-host.invalid'");
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
    void shouldLogAnEpisodeOfFailedAcceptsOnceAtEachEnd()
    {
        final StringWriter out = new StringWriter();
        final ForwardLog log = new ForwardLog(new PrintWriter(out), false);
        log.acceptFailed("too many open files");
        log.acceptRecovered("too many open files", 37, 2_500_000_000L);
        assertEquals(List.of(
            "netpipe forward: accept failed: too many open files (retrying, reported again when it works)",
            "netpipe forward: accepting again after 37 failed accepts (too many open files) in 2.500 s"),
            out.toString().lines().toList());
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
