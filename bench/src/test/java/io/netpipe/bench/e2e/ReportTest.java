package io.netpipe.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest
{
    private static final Scenario WIDE = new Scenario(64, 10, 0, false);

    private static RunResult served(final String tool, final int run, final double mbps)
    {
        // Only netpipe's feedback is counted on the wire.
        final boolean counted = tool.equals("netpipe");
        return new RunResult(tool, WIDE, run, true, "", 0, 30.0, 40.0, mbps, 10, 2, 28, 0, counted ? 100_000 : -1,
            counted ? 900 : -1);
    }

    private static RunResult unserved(final String tool, final int run, final int receivers)
    {
        return new RunResult(tool, WIDE, run, false, "rx5 exit 1", receivers, 30.0, 40.0, 3.0, 10, 2, 28, 0, -1, -1);
    }

    private static String table(final List<RunResult> netpipe, final List<RunResult> udpcast)
    {
        final Report report = new Report();
        report.add(new Report.Row(WIDE, Cell.of("netpipe", WIDE, netpipe), Cell.of("udpcast", WIDE, udpcast)));
        return report.markdown().lines().toList().getLast();
    }

    @Test
    void shouldShowAToolThatLeftAReceiverUnservedAsAFailureNotARate()
    {
        final String row = table(List.of(served("netpipe", 0, 4.2), served("netpipe", 1, 4.4)),
            List.of(served("udpcast", 0, 6.1), unserved("udpcast", 1, 3)));

        assertTrue(row.contains("| 4.4 |"), row);
        assertTrue(row.contains("FAIL (0/1 runs ok, up to 3 of 64 receivers unserved)"), row);
        assertFalse(row.contains("3.0"), row);
    }

    @Test
    void shouldFailACellWhoseVerificationRunLeftAReceiverUnserved()
    {
        final Cell cell = Cell.of("udpcast", WIDE, List.of(unserved("udpcast", 0, 1), served("udpcast", 1, 6.0)));

        assertFalse(cell.servedAll());
    }

    @Test
    void shouldReportFeedbackAsAShareOfDataCountedOnTheWire()
    {
        assertEquals(0.9, served("netpipe", 1, 4.0).feedbackPercent(), 1e-9);
        assertTrue(Double.isNaN(unserved("udpcast", 1, 1).feedbackPercent()));
        assertTrue(table(List.of(served("netpipe", 0, 4.0), served("netpipe", 1, 4.0)),
            List.of(served("udpcast", 0, 6.0), served("udpcast", 1, 6.0))).contains("| 0.90 / n/a |"));
    }
}
