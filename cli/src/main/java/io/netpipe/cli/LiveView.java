package io.netpipe.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.netpipe.sender.ReceiverSnapshot;
import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

/**
 * What the sender's live view shows, as lines of text, from one {@link SenderSnapshot}: a totals line (with an
 * ETA when the input's size is known) and the receiver table, fitted to a terminal's width and height; or, for a
 * log, the same facts as plain lines. Pure: the caller brings the snapshot, the time and the size, and does the
 * drawing, so every layout rule is tested without a terminal.
 */
final class LiveView
{
    /**
     * Worst first: receivers that failed or were lost, then those furthest behind, the longest silent first among
     * equals, then the finished ones.
     */
    static final Comparator<ReceiverSnapshot> WORST_FIRST = Comparator
        .comparingInt((ReceiverSnapshot r) -> rank(r.state()))
        .thenComparingLong(ReceiverSnapshot::bytes)
        .thenComparing(Comparator.comparingLong(ReceiverSnapshot::silentNs).reversed())
        .thenComparingInt(ReceiverSnapshot::id);

    private final long inputBytes;
    private final int expectedReceivers;

    /**
     * @param inputBytes        the input's size, or a negative number when it is not known (a pipe).
     * @param expectedReceivers the receivers the sender waits for ({@code -n}).
     */
    LiveView(final long inputBytes, final int expectedReceivers)
    {
        this.inputBytes = inputBytes;
        this.expectedReceivers = expectedReceivers;
    }

    /**
     * @param snapshot the sender's snapshot.
     * @param nowNs    now, on the snapshot's clock.
     * @param columns  the terminal's width.
     * @param rows     the terminal's height.
     * @return lines to draw, each shorter than {@code columns}, fewer than {@code rows} (the last line is left free
     * so the view never scrolls the terminal), receivers by id when all fit, else the worst first and a count of
     * those left out.
     */
    List<String> screen(final SenderSnapshot snapshot, final long nowNs, final int columns, final int rows)
    {
        // One cell short of the width: a line that fills the last column leaves some terminals about to wrap.
        final int width = Math.max(1, columns - 1);
        final List<String> lines = new ArrayList<>();
        lines.add(LiveTable.fit(totals(snapshot), width));
        final int room = rows - 1 - 2;
        final List<ReceiverSnapshot> receivers = snapshot.receivers();
        if (receivers.isEmpty() || room < 1)
        {
            return lines;
        }
        if (receivers.size() <= room)
        {
            lines.addAll(LiveTable.format(receivers, ageNs(snapshot, nowNs), scale(snapshot), width));
            return lines;
        }
        // Not all fit: the worst first, and one line for the rest.
        final List<ReceiverSnapshot> sorted = receivers.stream().sorted(WORST_FIRST).toList();
        final int fit = room - 1;
        if (fit > 0)
        {
            lines.addAll(LiveTable.format(sorted.subList(0, fit), ageNs(snapshot, nowNs), scale(snapshot), width));
        }
        final List<ReceiverSnapshot> rest = sorted.subList(Math.max(0, fit), sorted.size());
        final long restDone = rest.stream().filter(r -> r.state() == ReceiverState.State.DONE).count();
        lines.add(LiveTable.fit("... and " + rest.size() + " more (" + restDone + " done), worst shown first", width));
        return lines;
    }

    /**
     * @param snapshot the sender's snapshot.
     * @param nowNs    now, on the snapshot's clock.
     * @return the totals line, then one line per receiver by id, for a log.
     */
    List<String> plain(final SenderSnapshot snapshot, final long nowNs)
    {
        final List<String> lines = new ArrayList<>(snapshot.receivers().size() + 1);
        lines.add(totals(snapshot));
        final long scale = scale(snapshot);
        for (final ReceiverSnapshot r : snapshot.receivers())
        {
            lines.add(String.format(Locale.ROOT, "receiver %s %s:%d %s at %s (%s), %s, %d repairs asked, loss %.1f%%, " +
                "heard %s ago", LiveTable.name(r.name()), r.address().getAddress().getHostAddress(),
                r.address().getPort(), r.state(), Human.bytes(r.bytes()), percent(r.bytes(), scale),
                Human.rate((long)r.rateBytesPerSec(), 1_000_000_000L), r.repairsRequested(), r.lossPercent(),
                LiveTable.heard(r.silentNs() + ageNs(snapshot, nowNs))));
        }
        return lines;
    }

    /**
     * @param snapshot the sender's snapshot.
     * @return e.g. "sent 412.0 MiB of 1.00 GiB (40%), 3 receivers: 2 active, 1 done, 61.2 MB/s, resent 1.2%, ETA 0:12".
     */
    String totals(final SenderSnapshot snapshot)
    {
        final SenderProgress p = snapshot.progress();
        if (p.elapsedNs() == 0)
        {
            return "waiting for receivers: " + p.rosterSize() + " of " + expectedReceivers + " joined";
        }
        final StringBuilder out = new StringBuilder(96).append("sent ").append(Human.bytes(p.bytesSent()));
        if (inputBytes >= 0)
        {
            out.append(" of ").append(Human.bytes(inputBytes)).append(" (").append(percent(p.bytesSent(), inputBytes))
                .append(')');
        }
        out.append(", ").append(p.rosterSize()).append(p.rosterSize() == 1 ? " receiver:" : " receivers:");
        String separator = " ";
        for (final ReceiverState.State state : ReceiverState.State.values())
        {
            final long n = snapshot.receivers().stream().filter(r -> r.state() == state).count();
            if (n > 0)
            {
                out.append(separator).append(n).append(' ').append(state.name().toLowerCase(Locale.ROOT));
                separator = ", ";
            }
        }
        out.append(", ").append(Human.rate(p.bytesConfirmed(), p.elapsedNs()))
            .append(String.format(Locale.ROOT, ", resent %.1f%%", p.retransmitPercent()));
        final String eta = eta(p);
        return eta.isEmpty() ? out.toString() : out.append(", ETA ").append(eta).toString();
    }

    /**
     * @param p the totals.
     * @return time left at the average rate every receiver confirmed so far, e.g. "1:05" or "2:03:17"; empty
     * when the input's size is not known, nothing is confirmed yet, or all of it is.
     */
    String eta(final SenderProgress p)
    {
        final long left = inputBytes - p.bytesConfirmed();
        if (inputBytes < 0 || p.bytesConfirmed() <= 0 || p.elapsedNs() <= 0 || left <= 0)
        {
            return "";
        }
        final long seconds = (long)Math.ceil(left * (p.elapsedNs() / 1e9) / p.bytesConfirmed());
        return seconds >= 3600 ?
            String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60) :
            String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private long scale(final SenderSnapshot snapshot)
    {
        return inputBytes > 0 ? inputBytes : snapshot.progress().bytesSent();
    }

    private static long ageNs(final SenderSnapshot snapshot, final long nowNs)
    {
        return Math.max(0, nowNs - snapshot.takenNs());
    }

    private static String percent(final long part, final long whole)
    {
        return whole <= 0 ? "0%" : (int)Math.floor(100.0 * Math.min(part, whole) / whole) + "%";
    }

    private static int rank(final ReceiverState.State state)
    {
        return switch (state)
        {
            case FAILED, LOST -> 0;
            case JOINED, ACTIVE -> 1;
            case DONE -> 2;
        };
    }
}
