package io.netpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            "membership 2 times after the group fell silent (does the switch snoop IGMP without hearing our reports?)\n",
            err.toString());
    }

    @Test
    void shouldShowRatePositionRepairsAndTheSenderItFollows()
    {
        final RecvSnapshot snapshot = new RecvSnapshot(new java.net.InetSocketAddress("10.0.0.1", 9001), 0x1234,
            256 * MIB, 2_000_000_000L, 17, 1000, 0, 0, 0, 0);

        assertEquals("256.0 MiB written, 134.2 MB/s, 17 repairs asked, from 10.0.0.1:9001", RecvProgressPrinter.line(snapshot));
    }
}
