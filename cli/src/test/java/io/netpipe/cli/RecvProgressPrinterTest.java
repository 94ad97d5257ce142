package io.netpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecvProgressPrinterTest
{
    private static final long MIB = 1L << 20;

    private final StringWriter err = new StringWriter();
    private final RecvProgressPrinter printer = new RecvProgressPrinter(new PrintWriter(err), false, false, "linux");

    @Test
    void shouldSummariseACompleteStreamInOneLine()
    {
        printer.finished(new RecvResult(RecvResult.Outcome.COMPLETE, "", 256 * MIB, 2_000_000_000L, 7, 0));

        assertEquals("netpipe recv: received 256.0 MiB in 2.0 s (134.2 MB/s), SHA-256 verified, transport linux\n", err.toString());
    }

    @Test
    void shouldSayWhenTheMulticastMembershipHadToBeRenewed()
    {
        printer.finished(new RecvResult(RecvResult.Outcome.COMPLETE, "", 256 * MIB, 2_000_000_000L, 7, 2));

        assertEquals("netpipe recv: received 256.0 MiB in 2.0 s (134.2 MB/s), SHA-256 verified, transport linux; renewed the multicast " +
            "membership 2 times after the group fell silent while this receiver was running (does the switch snoop IGMP without hearing our reports?)\n",
            err.toString());
    }

    @Test
    void shouldShowRatePositionRepairsAndTheSenderItFollows()
    {
        final RecvSnapshot snapshot = new RecvSnapshot(new java.net.InetSocketAddress("10.0.0.1", 9001), 0x1234,
            256 * MIB, 2_000_000_000L, 17, 1000, 0, 0, 0, 0);

        assertEquals("256.0 MiB written, 134.2 MB/s, 17 repairs asked, from 10.0.0.1:9001", RecvProgressPrinter.line(snapshot));
    }

    @Test
    void shouldNotBlameTheSwitchForSilenceWhileDescheduled()
    {
        printer.finished(new RecvResult(RecvResult.Outcome.COMPLETE, "", 256 * MIB, 2_000_000_000L, 7, 0, 3));

        final String line = err.toString();
        assertFalse(line.contains("switch"), line);
        assertTrue(line.endsWith("transport linux; the sender seemed silent 3 times only because this receiver was " +
            "itself descheduled (a busy host, not the network)\n"), line);
    }

    @Test
    void shouldNameWhatItListensOnAndTheUsualCausesWhenNoSessionIsHeard()
    {
        printer.listeningOn("on UDP port 9000 of eth0 (10.0.0.5, broadcast 10.0.0.255), multicast group 239.255.90.90");

        printer.noSessionHeard(10_000_000_000L);

        final String line = err.toString();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("netpipe recv: no session heard for 10.0 s; listening on UDP port 9000 of eth0 " +
            "(10.0.0.5, broadcast 10.0.0.255), multicast group 239.255.90.90. Usual causes: a firewall"), line);
        assertTrue(line.contains("the wrong interface (--interface)"), line);
        assertTrue(line.contains("a switch that snoops IGMP without a querier"), line);
    }

    @Test
    void shouldGiveNoSetupHintOnceASessionWasFound()
    {
        printer.sessionFound(new java.net.InetSocketAddress("127.0.0.1", 9001), 0x1234);
        printer.noSessionHeard(10_000_000_000L);

        assertEquals("", err.toString());
    }

    @Test
    void shouldGiveNoSetupHintWhenQuiet()
    {
        final StringWriter quietErr = new StringWriter();
        new RecvProgressPrinter(new PrintWriter(quietErr), true, false, "nio").noSessionHeard(10_000_000_000L);

        assertEquals("", quietErr.toString());
    }
}
