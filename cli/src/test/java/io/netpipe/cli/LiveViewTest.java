package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.sender.ReceiverSnapshot;
import io.netpipe.sender.ReceiverState.State;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

class LiveViewTest
{
    static final long MIB = 1L << 20;
    static final long SECOND = 1_000_000_000L;
    static final long TAKEN_NS = 5_000 * SECOND;

    private final LiveView view = new LiveView(100 * MIB, 3);

    static ReceiverSnapshot receiver(final int id, final String name, final State state, final long bytes,
        final long silentNs)
    {
        return new ReceiverSnapshot(id, name, new InetSocketAddress("10.0.0." + (10 + id), 9001), state, bytes / 1452,
            bytes, 12_500_000, 40, 4, 996, silentNs, "");
    }

    static SenderSnapshot snapshot(final long confirmed, final long elapsedNs, final List<ReceiverSnapshot> rows)
    {
        return new SenderSnapshot(TAKEN_NS, new SenderProgress(elapsedNs, confirmed + MIB, confirmed, 1000, 12,
            25e6, rows.size(), rows.size(), 300), rows);
    }

    private static List<ReceiverSnapshot> three()
    {
        return List.of(receiver(0, "lab-01", State.ACTIVE, 30 * MIB, 100_000_000L),
            receiver(1, "lab-02", State.DONE, 100 * MIB, 0),
            receiver(2, "lab-03", State.ACTIVE, 26 * MIB, 200_000_000L));
    }

    @Test
    void shouldShowTotalsHeaderAndOneRowPerReceiverInIdOrderWhenAllFit()
    {
        final List<String> lines = view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS, 132, 40);

        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("sent 26.00 MiB of 100.0 MiB (26%), 3 receivers: 2 active, 1 done, 2.6 MB/s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("HOST   ADDRESS        STATE   POSITION      RATE REPAIRS LOSS HEARD PROGRESS"), lines.get(1));
        assertTrue(lines.get(1).endsWith("PROGRESS"), lines.get(1));
        assertTrue(lines.get(2).startsWith("lab-01 10.0.0.10:9001 ACTIVE 30.00 MiB 12.5 MB/s      40 0.4%  0.1s ["), lines.get(2));
        assertTrue(lines.get(2).endsWith("]  30%"), lines.get(2));
        assertTrue(lines.get(3).startsWith("lab-02 10.0.0.11:9001 DONE"), lines.get(3));
        assertTrue(lines.get(4).startsWith("lab-03 "), lines.get(4));
    }

    @Test
    void shouldKeepEveryLineShorterThanTheTerminalWhateverItsWidth()
    {
        for (int columns = 10; columns <= 200; columns += 7)
        {
            for (final String line : view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS, columns, 40))
            {
                assertTrue(line.length() < columns, columns + " columns: " + line);
            }
        }
    }

    @Test
    void shouldDropTheBarThenTheLeastImportantColumnsWhenNarrow()
    {
        final List<String> at80 = view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS, 80, 40);
        assertEquals("lab-01 10.0.0.10:9001 ACTIVE 30.00 MiB 12.5 MB/s      40 0.4%  0.1s [#   ]  30%", at80.get(2));

        final List<String> at40 = view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS, 40, 40);
        assertEquals("HOST   STATE   POSITION      RATE HEARD", at40.get(1));
        assertEquals("lab-01 ACTIVE 30.00 MiB 12.5 MB/s  0.1s", at40.get(2));

        final List<String> at30 = view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS, 30, 40);
        assertEquals("lab-01 ACTIVE 30.00 MiB  0.1s", at30.get(2), "a narrower column that still fits is kept");
    }

    @Test
    void shouldShowTheWorstReceiversFirstWhenTheyDoNotAllFit()
    {
        final List<ReceiverSnapshot> rows = new ArrayList<>();
        for (int id = 0; id < 10; id++)
        {
            rows.add(receiver(id, "lab-" + id, State.ACTIVE, (50 + id) * MIB, 0));
        }
        rows.set(7, receiver(7, "lab-7", State.LOST, 60 * MIB, 6 * SECOND));
        rows.set(2, receiver(2, "lab-2", State.DONE, 100 * MIB, 0));
        rows.set(4, receiver(4, "lab-4", State.ACTIVE, 10 * MIB, 0));

        final List<String> lines = view.screen(snapshot(10 * MIB, 10 * SECOND, rows), TAKEN_NS, 100, 8);

        assertEquals(7, lines.size(), "the last terminal line stays free: " + String.join("\n", lines));
        assertTrue(lines.get(2).startsWith("lab-7 "), "lost first: " + lines.get(2));
        assertTrue(lines.get(3).startsWith("lab-4 "), "then the furthest behind: " + lines.get(3));
        assertTrue(lines.get(4).startsWith("lab-0 "), lines.get(4));
        assertTrue(lines.get(5).startsWith("lab-1 "), lines.get(5));
        assertEquals("... and 6 more (1 done), worst shown first", lines.get(6));
    }

    @Test
    void shouldShowOnlyTheTotalsOnATinyTerminal()
    {
        assertEquals(1, view.screen(snapshot(10 * MIB, SECOND, three()), TAKEN_NS, 80, 3).size());
    }

    @Test
    void shouldEstimateTimeLeftFromTheAverageConfirmedRate()
    {
        assertEquals("0:30", view.eta(snapshot(25 * MIB, 10 * SECOND, three()).progress()));
        assertEquals("2:46:40", new LiveView(1001 * MIB, 3).eta(snapshot(MIB, 10 * SECOND, three()).progress()));
    }

    @Test
    void shouldShowNoEtaWithoutAKnownSizeOrBeforeAnythingIsConfirmedOrAtTheEnd()
    {
        final LiveView unknown = new LiveView(-1, 3);
        final String totals = unknown.totals(snapshot(25 * MIB, 10 * SECOND, three()));
        assertFalse(totals.contains("ETA"), totals);
        assertFalse(totals.contains(" of "), totals);
        assertEquals("", view.eta(snapshot(0, 10 * SECOND, three()).progress()));
        assertEquals("", view.eta(snapshot(100 * MIB, 10 * SECOND, three()).progress()));
        assertTrue(view.totals(snapshot(25 * MIB, 10 * SECOND, three())).endsWith(", ETA 0:30"));
    }

    @Test
    void shouldSayHowManyJoinedBeforeTheTransferStarts()
    {
        assertEquals("waiting for receivers: 3 of 3 joined", view.totals(snapshot(0, 0, three())));
    }

    @Test
    void shouldAddTheSnapshotsAgeToTheSilenceOnTheInjectedClock()
    {
        final List<String> lines = view.screen(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS + 2 * SECOND, 80, 40);
        assertTrue(lines.get(2).contains(" 2.1s "), lines.get(2));
        assertTrue(view.plain(snapshot(25 * MIB, 10 * SECOND, three()), TAKEN_NS + 20 * SECOND).get(1)
            .endsWith("heard 20s ago"));
    }

    @Test
    void shouldEscapeHostileHostNamesAndCutLongOnes()
    {
        final String hostile = "evil\u001b[2J\u001b[H\r\u202e\u0007";
        final List<ReceiverSnapshot> rows = List.of(receiver(0, hostile, State.ACTIVE, MIB, 0),
            receiver(1, "x".repeat(200), State.ACTIVE, MIB, 0));
        final List<String> lines = new ArrayList<>(view.screen(snapshot(MIB, SECOND, rows), TAKEN_NS, 200, 40));
        lines.addAll(view.plain(snapshot(MIB, SECOND, rows), TAKEN_NS));

        for (final String line : lines)
        {
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable only: " + line);
        }
        assertTrue(lines.get(2).startsWith("evil\\x1b[2J\\x1b[H\\x0d\\u~ "), lines.get(2));
        assertTrue(lines.get(3).startsWith("x".repeat(LiveTable.MAX_NAME - 1) + "~ "), lines.get(3));
        assertTrue(lines.get(5).startsWith("receiver evil\\x1b[2J\\x1b[H\\x0d\\u202e\\x07 10.0.0.10:9001 ACTIVE"), lines.get(5));
    }

    @Test
    void shouldWriteEveryNonAsciiLetterOfAHostNameAsAnEscape()
    {
        assertEquals("l\\u0430b-01", LiveTable.name("l\u0430b-01"), "a Cyrillic a cannot pass for lab-01");
        assertEquals("\\u4e3b\\u673a", LiveTable.name("\u4e3b\u673a"), "double-width letters take their length on screen");
        assertEquals("lab-01.example", LiveTable.name("lab-01.example"));
    }

    @Test
    void shouldDrawAnExactlySizedBar()
    {
        assertEquals("[##   ]  50%", LiveTable.bar(0.5, 12));
        assertEquals("[#####] 100%", LiveTable.bar(1.5, 12));
        assertEquals("0%", LiveTable.bar(0, 3));
    }
}
