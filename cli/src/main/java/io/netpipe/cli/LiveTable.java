package io.netpipe.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.netpipe.protocol.PrintableText;
import io.netpipe.sender.ReceiverSnapshot;

/**
 * The live view's receiver table: a header and one row per receiver, fitted to a width. Columns are kept in order
 * of importance (host, state, position, rate, address, last heard, repairs, loss) while they fit; a bar fills what
 * is left when at least {@link #MIN_BAR} cells are. Pure: no terminal, no clock.
 */
final class LiveTable
{
    /** The narrowest bar worth drawing, brackets included. */
    static final int MIN_BAR = 8;
    /** Host names longer than this are cut (with a trailing {@code ~}) so one forged name cannot push out the rest. */
    static final int MAX_NAME = 24;

    private record Column(String header, int importance, boolean right, Function<Row, String> cell)
    {
    }

    /** One receiver's cells, already formatted; {@code fraction} is its bar's filled part, 0 to 1. */
    private record Row(String name, String address, String state, String position, String rate, String repairs,
        String loss, String heard, double fraction)
    {
    }

    private static final List<Column> COLUMNS = List.of(
        new Column("HOST", 0, false, Row::name),
        new Column("ADDRESS", 4, false, Row::address),
        new Column("STATE", 1, false, Row::state),
        new Column("POSITION", 2, true, Row::position),
        new Column("RATE", 3, true, Row::rate),
        new Column("REPAIRS", 6, true, Row::repairs),
        new Column("LOSS", 7, true, Row::loss),
        new Column("HEARD", 5, true, Row::heard));

    private LiveTable()
    {
    }

    /**
     * @param receivers  the rows to show, in the order shown.
     * @param ageNs      how old the snapshot is: added to each receiver's silence.
     * @param scaleBytes what a full bar stands for (the input size, or the bytes sent).
     * @param width      cells available per line.
     * @return a header line and one line per receiver, none longer than {@code width}.
     */
    static List<String> format(final List<ReceiverSnapshot> receivers, final long ageNs, final long scaleBytes,
        final int width)
    {
        final List<Row> rows = new ArrayList<>(receivers.size());
        for (final ReceiverSnapshot r : receivers)
        {
            rows.add(row(r, ageNs, scaleBytes));
        }
        final int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++)
        {
            final Column column = COLUMNS.get(c);
            widths[c] = column.header().length();
            for (final Row row : rows)
            {
                widths[c] = Math.max(widths[c], column.cell().apply(row).length());
            }
        }
        final boolean[] shown = choose(widths, width);
        int used = 0;
        for (int c = 0; c < COLUMNS.size(); c++)
        {
            used += shown[c] ? widths[c] + 1 : 0;
        }
        final int bar = width - used >= MIN_BAR ? Math.min(width - used, 52) : 0;
        final List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(line(null, widths, shown, bar, width));
        for (final Row row : rows)
        {
            lines.add(line(row, widths, shown, bar, width));
        }
        return lines;
    }

    /** Adds columns by importance while they fit; the host column always shows, cut to the width if need be. */
    private static boolean[] choose(final int[] widths, final int width)
    {
        final boolean[] shown = new boolean[COLUMNS.size()];
        int used = 0;
        for (int importance = 0; importance < COLUMNS.size(); importance++)
        {
            for (int c = 0; c < COLUMNS.size(); c++)
            {
                if (COLUMNS.get(c).importance() == importance && (used + widths[c] <= width || importance == 0))
                {
                    shown[c] = true;
                    used += widths[c] + 1;
                }
            }
        }
        return shown;
    }

    private static String line(final Row row, final int[] widths, final boolean[] shown, final int bar, final int width)
    {
        final StringBuilder out = new StringBuilder(width + 8);
        for (int c = 0; c < COLUMNS.size(); c++)
        {
            if (shown[c])
            {
                final Column column = COLUMNS.get(c);
                final String text = null == row ? column.header() : column.cell().apply(row);
                final String pad = " ".repeat(widths[c] - text.length());
                out.append(column.right() ? pad + text : text + pad).append(' ');
            }
        }
        if (bar > 0)
        {
            out.append(null == row ? "PROGRESS" : bar(row.fraction(), bar));
        }
        return fit(out.toString().stripTrailing(), width);
    }

    /** @return e.g. {@code [######    ] 60%} in exactly {@code width} cells. */
    static String bar(final double fraction, final int width)
    {
        final double f = Math.max(0, Math.min(1, fraction));
        final String percent = String.format(Locale.ROOT, " %3d%%", (int)Math.floor(f * 100));
        final int inside = width - 2 - percent.length();
        if (inside < 1)
        {
            return fit(percent.strip(), width);
        }
        final int filled = (int)Math.floor(f * inside);
        return "[" + "#".repeat(filled) + " ".repeat(inside - filled) + "]" + percent;
    }

    /** @return {@code text} cut to {@code width} cells, a cut marked with a trailing {@code ~}. */
    static String fit(final String text, final int width)
    {
        if (text.length() <= width)
        {
            return text;
        }
        return width <= 0 ? "" : text.substring(0, width - 1) + "~";
    }

    private static Row row(final ReceiverSnapshot r, final long ageNs, final long scaleBytes)
    {
        final String name = r.name().isEmpty() ? "?" : name(r.name());
        final String address = r.address().getAddress().getHostAddress() + ":" + r.address().getPort();
        return new Row(fit(name, MAX_NAME), address, r.state().name(), Human.bytes(r.bytes()),
            Human.rate((long)r.rateBytesPerSec(), 1_000_000_000L), Long.toString(r.repairsRequested()),
            String.format(Locale.ROOT, "%.1f%%", r.lossPercent()), heard(r.silentNs() + Math.max(0, ageNs)),
            scaleBytes <= 0 ? 0 : (double)r.bytes() / scaleBytes);
    }

    /**
     * @param name a host name as received.
     * @return it escaped, and every character outside printable ASCII written as {@code \\uNNNN} too: host names
     * are ASCII (RFC 1123), so this costs a real one nothing, while a forged one can neither pass a look-alike
     * letter for another host's name (a Cyrillic "а" in "lab-01") nor, with double-width or zero-width
     * characters, make a row wider or narrower on screen than its length, which would break the redraw in place.
     */
    static String name(final String name)
    {
        final String escaped = PrintableText.escape(name);
        StringBuilder out = null;
        for (int i = 0; i < escaped.length(); i++)
        {
            final char c = escaped.charAt(i);
            if (c > 0x7E && null == out)
            {
                out = new StringBuilder(escaped.length() + 16).append(escaped, 0, i);
            }
            if (c > 0x7E)
            {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else if (null != out)
            {
                out.append(c);
            }
        }
        return null == out ? escaped : out.toString();
    }

    /** @return e.g. "0.2s", "75s", "2h": short, so the column stays narrow. */
    static String heard(final long silentNs)
    {
        final double seconds = silentNs / 1e9;
        if (seconds < 10)
        {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        return seconds < 3600 ? (long)seconds + "s" : (long)(seconds / 3600) + "h";
    }
}
