package io.netpipe.receiver;

import io.netpipe.protocol.HeartbeatFrame;

/**
 * What a receiver of a large group says while the data stopped, for {@link ReportTiming}: nothing while the sender
 * is not heard at all, and losses only where they may be what holds the sender back. Each time held losses may go
 * again, they wait a fresh back-off ({@link #takeFreshBackoff()}), or the whole group would ask at once.
 */
final class StopNews
{
    /**
     * Nothing at all from the sender for this long, not even the heartbeat it sends while held back: it is not
     * running (starved of CPU) or cut off, and waits for nobody's news.
     */
    static final long SENDER_QUIET_NS = 3 * HeartbeatFrame.INTERVAL_NS;
    /**
     * How long the sender says it waits for its receivers (its heartbeats' {@code FLAG_HELD_BACK}) before every loss
     * may go: longer than the asks of the losses that may hold the sender and their repair take (a stop is seen after
     * 100 ms, a back-off is up to 40 ms, a retry 60 ms), so a stop they do not end is one that nothing else would.
     * Waiting until the data stood still for 1 s instead, a class with small buffers (32 simulated receivers, 4 MiB
     * each) repaired its losses a credit at a time and took 15% longer (FecScaleTest, six runs each). Counted from
     * the stop itself, a sender that waited for its input or for the CPU (64 lab receivers starting their JITs on 2
     * cores) drew every young loss of the class: 75 reports in 5 s.
     */
    static final long YOUNG_LOSSES_WAIT_NS = 400_000_000L;

    private boolean senderQuiet;
    private boolean asksHeld;
    private boolean freshBackoff;

    /** A new session. */
    void start()
    {
        senderQuiet = false;
        asksHeld = false;
        freshBackoff = false;
    }

    /** The data flows: the next stop starts afresh. */
    void flowing()
    {
        asksHeld = false;
    }

    /**
     * A stop with nothing at all from the sender, not even the heartbeat it sends while held back, is the sender
     * not running (64 lab receivers on 2 cores stopped it for 0.1 to 1 s several times a second), not one waiting
     * for repairs or credit: news waits until it is heard again.
     *
     * @param quiet whether the sender has been silent for {@link #SENDER_QUIET_NS}.
     * @return whether news may go now.
     */
    boolean newsMayGo(final boolean quiet)
    {
        final boolean resumed = senderQuiet && !quiet;
        senderQuiet = quiet;
        freshBackoff |= resumed;
        return !quiet;
    }

    /**
     * In a stop, this receiver's losses matter to the sender only where they may hold it back: the oldest half a
     * credit or more below the newest packet (a sender stops a credit past the oldest loss it was told of), or the
     * stream's end known (the tail waits for every loss). Younger ones wait for the count, which comes as the data
     * flows again and lists them all, unless the sender has said for {@link #YOUNG_LOSSES_WAIT_NS} that it waits for
     * its receivers. Asked in every stop, they were a third of a 64-receiver class's feedback (lab, 1% loss: 762 of
     * 2,216 frames).
     *
     * @param session the session.
     * @param flow    whether the data flows.
     * @param credit  packets of credit (the smaller of this receiver's buffer and the sender's window).
     * @param nowNs   now.
     * @return whether this receiver's losses may be asked for now.
     */
    boolean asksMatter(final ReceiveSession session, final DataFlow flow, final long credit, final long nowNs)
    {
        final ReceiveWindow window = session.window();
        final boolean matter = session.hasTotals() || flow.heldBackForNs(nowNs) >= YOUNG_LOSSES_WAIT_NS
            || window.highest() - window.contiguous() >= credit / 2;
        freshBackoff |= matter && asksHeld;
        asksHeld = !matter;
        return matter;
    }

    /** @return whether losses held back may go again, once: they wait a back-off from now. */
    boolean takeFreshBackoff()
    {
        final boolean result = freshBackoff;
        freshBackoff = false;
        return result;
    }
}
