package io.netpipe.bench.alloc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recordings of one sender and one receiver run and says what their threads allocated in the steady
 * state: the bytes each thread allocated (JFR's per-thread counters, exact) in a window of the transfer, and the
 * allocation sites sampled there. {@code bench/alloc.sh} records and calls it.
 *
 * <p>Arguments: {@code SENDER.jfr RECEIVER.jfr FROM TO DATAGRAMS}: the window in epoch milliseconds (when the
 * receiver's output passed 30% and 90% of the stream) and the data datagrams that crossed in it, so the figure can
 * be read per datagram. The counters are sampled once a second, so the window is rounded in to whole samples.
 */
public final class AllocationProfile
{
    private static final int SITES = 8;
    private static final int DEPTH = 12;

    private AllocationProfile()
    {
    }

    /**
     * @param args the sender's recording, the receiver's recording, data datagrams sent.
     * @throws IOException when a recording cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 5)
        {
            System.err.println("usage: AllocationProfile SENDER.jfr RECEIVER.jfr FROM_MS TO_MS DATAGRAMS");
            System.exit(2);
        }
        final List<RecordedEvent> sender = RecordingFile.readAllEvents(Path.of(args[0]));
        final List<RecordedEvent> receiver = RecordingFile.readAllEvents(Path.of(args[1]));
        final Instant from = Instant.ofEpochMilli(Long.parseLong(args[2]));
        final Instant to = Instant.ofEpochMilli(Long.parseLong(args[3]));
        final double window = Long.parseLong(args[4]);
        System.out.printf("steady window: %.1f s while the output grew from 30%% to 90%%, %,.0f data datagrams%n",
            Duration.between(from, to).toNanos() / 1e9, window);
        report("sender", sender, from, to, window);
        report("receiver", receiver, from, to, window);
    }

    private static void report(final String who, final List<RecordedEvent> events, final Instant from,
        final Instant to, final double datagrams)
    {
        // Per thread: the counter's first value inside the window and its last (value, time) inside it.
        final Map<String, long[]> counters = new TreeMap<>();
        final Map<String, Long> sites = new HashMap<>();
        for (final RecordedEvent e : events)
        {
            final String type = e.getEventType().getName();
            final Instant at = e.getStartTime();
            if ("jdk.ThreadAllocationStatistics".equals(type))
            {
                final String thread = e.getThread("thread").getJavaName();
                final long[] c = counters.computeIfAbsent(thread, t -> new long[] {-1, -1, 0, 0});
                final long allocated = e.getLong("allocated");
                if (!at.isBefore(from) && !at.isAfter(to))
                {
                    if (c[0] < 0)
                    {
                        c[0] = allocated;
                        c[2] = at.toEpochMilli();
                    }
                    c[1] = allocated;
                    c[3] = at.toEpochMilli();
                }
            }
            else if ("jdk.ObjectAllocationSample".equals(type) && !at.isBefore(from) && !at.isAfter(to))
            {
                final String key = e.getThread("eventThread").getJavaName() + ": " +
                    e.getClass("objectClass").getName() + " at " + stack(e);
                sites.merge(key, e.getLong("weight"), Long::sum);
            }
        }
        System.out.printf("%s, bytes allocated per thread in the window:%n", who);
        counters.forEach((thread, c) ->
        {
            final boolean ours = "main".equals(thread) || thread.startsWith("netpipe");
            if (c[0] >= 0 && c[3] > c[2] && (ours || c[1] > c[0]))
            {
                final long bytes = c[1] - c[0];
                final double seconds = (c[3] - c[2]) / 1e3;
                System.out.printf("  %-24s %,12d B in %4.1f s  %,10.0f B/s  %8.3f B per data datagram%n", thread,
                    bytes, seconds, bytes / seconds, bytes / (datagrams * seconds / windowSeconds(from, to)));
            }
        });
        final List<Map.Entry<String, Long>> top = new ArrayList<>(sites.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        System.out.printf("%s, sampled allocation sites in the window (%d):%n", who, top.size());
        top.stream().limit(SITES).forEach(s -> System.out.printf("  %,10d B  %s%n", s.getValue(), s.getKey()));
    }

    private static double windowSeconds(final Instant from, final Instant to)
    {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static String stack(final RecordedEvent e)
    {
        if (null == e.getStackTrace())
        {
            return "?";
        }
        final StringBuilder s = new StringBuilder();
        final List<RecordedFrame> frames = e.getStackTrace().getFrames();
        for (int i = 0; i < Math.min(DEPTH, frames.size()); i++)
        {
            final RecordedFrame f = frames.get(i);
            final String type = f.getMethod().getType().getName();
            s.append(i == 0 ? "" : " < ").append(type.substring(type.lastIndexOf('.') + 1)).append('.')
                .append(f.getMethod().getName()).append(':').append(f.getLineNumber());
        }
        return s.toString();
    }
}
