package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Issue 12, forward 6: out of file descriptors, one line per episode with a count, and a growing back-off. */
class AcceptFailuresTest
{
    private final List<String> lines = new ArrayList<>();
    private final AcceptFailures failures = new AcceptFailures(new RelayListener()
    {
        @Override
        public void acceptFailed(final String reason)
        {
            lines.add("failed: " + reason);
        }

        @Override
        public void acceptRecovered(final String reason, final long count, final long durationNs)
        {
            lines.add("recovered: " + reason + " x" + count + " in " + TimeUnit.NANOSECONDS.toMillis(durationNs) +
                " ms");
        }
    });

    @Test
    void shouldReportAnEpisodeOnceWhenItStartsAndOnceWithTheCountWhenItEnds()
    {
        long nowMs = 1000;
        for (int i = 0; i < 50; i++)
        {
            nowMs += TimeUnit.NANOSECONDS.toMillis(failures.failed("too many open files", ms(nowMs)));
        }
        failures.succeeded(ms(nowMs));
        failures.succeeded(ms(nowMs + 1));
        assertEquals(List.of("failed: too many open files",
            "recovered: too many open files x50 in " + (nowMs - 1000) + " ms"), lines);
    }

    @Test
    void shouldDoubleTheWaitUpToASecondAndStartOverAfterAnAcceptWorked()
    {
        final List<Long> waitsMs = new ArrayList<>();
        for (int i = 0; i < 9; i++)
        {
            waitsMs.add(TimeUnit.NANOSECONDS.toMillis(failures.failed("too many open files", ms(i))));
        }
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L), waitsMs);
        failures.succeeded(ms(100));
        assertEquals(10L, TimeUnit.NANOSECONDS.toMillis(failures.failed("too many open files", ms(200))));
        assertEquals(3, lines.size(), "a second episode has a line of its own: " + lines);
    }

    private static long ms(final long ms)
    {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
