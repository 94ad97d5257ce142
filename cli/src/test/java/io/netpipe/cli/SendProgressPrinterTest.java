package io.netpipe.cli;

import static io.netpipe.cli.LiveViewTest.MIB;
import static io.netpipe.cli.LiveViewTest.SECOND;
import static io.netpipe.cli.LiveViewTest.TAKEN_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.sender.ReceiverState.State;
import io.netpipe.sender.SenderSnapshot;

class SendProgressPrinterTest
{
    private final StringWriter err = new StringWriter();
    private final long[] nowNs = {TAKEN_NS};
    private Terminal.Size size = new Terminal.Size(100, 30);
    private final SenderSnapshot snapshot = LiveViewTest.snapshot(25 * MIB, 10 * SECOND, List.of(
        LiveViewTest.receiver(0, "lab-01", State.ACTIVE, 30 * MIB, 0),
        LiveViewTest.receiver(1, "lab-02", State.ACTIVE, 26 * MIB, 0)));

    private SendProgressPrinter printer(final boolean quiet, final boolean terminal)
    {
        return new SendProgressPrinter(new PrintWriter(err), quiet, terminal, new LiveView(100 * MIB, 2),
            () -> nowNs[0], () -> size, 10 * SECOND, "nio");
    }

    @Test
    void shouldPrintPlainLinesOnlyOncePerPeriodWhenNotATerminal()
    {
        final SendProgressPrinter printer = printer(false, false);
        printer.progress(snapshot);
        assertEquals("", err.toString(), "nothing before the first period has passed");

        nowNs[0] += 10 * SECOND;
        printer.progress(snapshot);
        nowNs[0] += SECOND;
        printer.progress(snapshot);

        final List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("netpipe send: sent 26.00 MiB of 100.0 MiB (26%), 2 receivers: 2 active"));
        assertTrue(lines.get(1).startsWith("netpipe send: receiver lab-01 10.0.0.10:9001 ACTIVE at 30.00 MiB (30%)"));
        assertFalse(err.toString().contains("\u001b") || err.toString().contains("\r"), err.toString());
    }

    @Test
    void shouldRedrawTheViewInPlaceOnATerminal()
    {
        final SendProgressPrinter printer = printer(false, true);
        printer.progress(snapshot);
        final String first = err.toString();
        assertTrue(first.startsWith("sent 26.00 MiB"), first);
        assertEquals(4, first.split("\n").length, "totals, header, 2 rows without a final newline: " + first);

        printer.progress(snapshot);
        assertEquals(first + "\r\u001b[3A\u001b[J" + first, err.toString(), "back up 3 lines, clear, draw again");
    }

    @Test
    void shouldPrintNoticesAboveTheView()
    {
        final SendProgressPrinter printer = printer(false, true);
        printer.progress(snapshot);
        final String view = err.toString();
        printer.transferStarted(List.of());
        assertEquals(view + "\r\u001b[3A\u001b[Jnetpipe send: sending to 0 receivers\n", err.toString());
    }

    @Test
    void shouldPrintNothingWhenQuiet()
    {
        final SendProgressPrinter terminal = printer(true, true);
        final SendProgressPrinter pipe = printer(true, false);
        nowNs[0] += 60 * SECOND;
        terminal.progress(snapshot);
        pipe.progress(snapshot);
        assertEquals("", err.toString());
    }

    @Test
    void shouldMoveBelowTheViewWhenLeftForAnError()
    {
        final SendProgressPrinter printer = printer(false, true);
        printer.progress(snapshot);
        final String view = err.toString();
        printer.leaveView();
        printer.leaveView();
        assertEquals(view + "\n", err.toString(), "once, and the view stays");
    }

    @Test
    void shouldStartAfreshBelowTheOldFrameWhenTheTerminalIsResized()
    {
        final SendProgressPrinter printer = printer(false, true);
        printer.progress(snapshot);
        final String before = err.toString();
        size = new Terminal.Size(60, 30);
        printer.progress(snapshot);

        final String after = err.toString().substring(before.length());
        assertTrue(after.startsWith("\nsent 26.00 MiB"), "no going up into a frame the terminal may have re-wrapped: " + after);
        assertTrue(after.lines().allMatch(l -> l.length() < 60), after);
    }
}
