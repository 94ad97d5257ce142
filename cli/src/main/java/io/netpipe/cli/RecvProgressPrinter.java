package io.netpipe.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;

import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;
import io.netpipe.receiver.ReceiverListener;

/** What {@code recv} tells the user on stderr: a live line on a terminal, notices, and one line at the end. */
final class RecvProgressPrinter implements ReceiverListener
{
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean live;
    private final String transport;
    private boolean lineOpen;
    private String listeningOn = "";
    /** Whether any session was found in this run: then the network reaches us, and no setup hint is due. */
    private boolean sessionSeen;

    RecvProgressPrinter(final PrintWriter err, final boolean quiet, final boolean terminal, final String transport)
    {
        this.transport = transport;
        this.err = err;
        this.quiet = quiet;
        this.live = terminal && !quiet;
    }

    /** @param where what the receiver listens on, for the hint when nothing is heard ("on eth0 (10.0.0.5), ..."). */
    synchronized void listeningOn(final String where)
    {
        listeningOn = where;
    }

    @Override
    public synchronized void noSessionHeard(final long waitedNs)
    {
        if (!sessionSeen)
        {
            notice("no session heard for " + Human.seconds(waitedNs) + "; listening " + listeningOn + ". Usual " +
                "causes: a firewall dropping those UDP ports (here, or the feedback port at the sender), the wrong " +
                "interface (--interface), or for multicast a switch that snoops IGMP without a querier; 'netpipe " +
                "check' tests each");
        }
    }

    @Override
    public synchronized void sessionFound(final InetSocketAddress sender, final int sessionId)
    {
        sessionSeen = true;
        if (live)
        {
            println("joining session " + Integer.toHexString(sessionId) + " from " + sender.getAddress().getHostAddress());
        }
    }

    @Override
    public synchronized void notice(final String text)
    {
        if (!quiet)
        {
            println(text);
        }
    }

    /**
     * Redraws the live line from the latest snapshot; called by the progress thread.
     *
     * @param snapshot the receiver's latest snapshot, or {@code null} before the first.
     */
    synchronized void progress(final RecvSnapshot snapshot)
    {
        if (live && null != snapshot && snapshot.elapsedNs() > 0)
        {
            err.print("\r\033[K" + line(snapshot));
            err.flush();
            lineOpen = true;
        }
    }

    /**
     * @param snapshot the receiver's snapshot, in a session.
     * @return e.g. "412.0 MiB written, 61.2 MB/s, 17 repairs asked, from 10.0.0.1:9001".
     */
    static String line(final RecvSnapshot snapshot)
    {
        final long bytesWritten = snapshot.bytesWritten();
        final InetSocketAddress sender = snapshot.sender();
        return Human.bytes(bytesWritten) + " written, " + Human.rate(bytesWritten, snapshot.elapsedNs()) + ", " +
            snapshot.lostPackets() + " repairs asked" + (null == sender ? "" :
            ", from " + sender.getAddress().getHostAddress() + ":" + sender.getPort());
    }

    synchronized void finished(final RecvResult result)
    {
        if (result.outcome() != RecvResult.Outcome.COMPLETE)
        {
            println(result.message());
        }
        else if (!quiet)
        {
            println("received " + Human.bytes(result.bytes()) + " in " + Human.seconds(result.elapsedNs()) + " (" +
                Human.rate(result.bytes(), result.elapsedNs()) + "), SHA-256 verified, transport " + transport +
                (result.recoveredPackets() > 0 ? ", recovered " + result.recoveredPackets() + " packets from parity" :
                "") + renewals(result));
        }
    }

    /**
     * Says how many datagrams failed verification or came from elsewhere during a session, when any did: with a
     * key, each is a forgery, a replay or a host with another key; without, a stray or forged frame.
     *
     * @param snapshot the receiver's last snapshot, or {@code null}.
     */
    synchronized void dropped(final RecvSnapshot snapshot)
    {
        if (!quiet && null != snapshot && snapshot.sessionId() != 0 && snapshot.badFrames() > 0)
        {
            println("dropped " + snapshot.badFrames() + " forged or foreign datagrams (failed verification, " +
                "impossible for the session, or not from its sender)");
        }
    }

    /**
     * A switch that keeps losing our membership reports is worth knowing about, even when the stream made it; a
     * host too busy to run the receiver is too, but it is not the switch.
     */
    private static String renewals(final RecvResult result)
    {
        final long n = result.membershipRenewals();
        final long late = result.descheduledSilences();
        return (0 == n ? "" : "; renewed the multicast membership " + times(n) + " after the group fell silent " +
            "while this receiver was running (does the switch snoop IGMP without hearing our reports?)") +
            (0 == late ? "" : "; the sender seemed silent " + times(late) + " only because this receiver was " +
            "itself descheduled (a busy host, not the network)");
    }

    private static String times(final long n)
    {
        return n + (1 == n ? " time" : " times");
    }

    private void println(final String text)
    {
        if (lineOpen)
        {
            err.print("\r\033[K");
            lineOpen = false;
        }
        err.println("netpipe recv: " + text);
        err.flush();
    }
}
