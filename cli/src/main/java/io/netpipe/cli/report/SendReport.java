package io.netpipe.cli.report;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import io.netpipe.sender.Heard;
import io.netpipe.sender.ReceiverSnapshot;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

/**
 * The JSON document {@code send --report} writes (its schema is {@code docs/report.schema.json}): how the run
 * ended, the totals, one row per receiver with its outcome and why, and what the feedback port heard but could not
 * take. Built from the sender's result and its last snapshot; also written, with what is known, when the run failed
 * before it had a result.
 */
public final class SendReport
{
    /** The version of the document's layout; it changes when a field changes meaning or goes away. */
    public static final int REPORT_VERSION = 1;

    /**
     * What the command line knows of the session.
     *
     * @param sessionId     the session id.
     * @param sessionName   the {@code --session} name, or {@code null}.
     * @param interfaceName the {@code --interface}, or {@code null} for all.
     * @param destination   where data goes.
     * @param announce      where announcements go.
     * @param feedbackPort  the port feedback comes back on.
     * @param transport     the transport's name.
     */
    public record Context(int sessionId, String sessionName, String interfaceName, InetSocketAddress destination,
        InetSocketAddress announce, int feedbackPort, String transport)
    {
    }

    private SendReport()
    {
    }

    /**
     * @param context  the session, or {@code null} when the run failed before it was set up.
     * @param result   how it ended, or {@code null} when it failed without a result.
     * @param last     the sender's last snapshot, or {@code null}.
     * @param exitCode the exit code.
     * @param reason   why it failed, or empty.
     * @return the document.
     */
    public static String json(final Context context, final SendResult result, final SenderSnapshot last,
        final int exitCode, final String reason)
    {
        final JsonWriter w = new JsonWriter().beginObject();
        w.name("command").value("send");
        w.name("reportVersion").value(REPORT_VERSION);
        w.name("exitCode").value(exitCode);
        w.name("outcome").value(null == result ? "error" : result.outcome().name().toLowerCase(Locale.ROOT));
        w.name("reason").value(reason.isEmpty() ? null : reason);
        w.name("session").value(null == context ? null : String.format("%08x", context.sessionId()));
        w.name("sessionName").value(null == context ? null : context.sessionName());
        sender(w, context);
        w.name("transport").value(null == context ? null : context.transport());
        final SenderProgress p = null == result ? null == last ? null : last.progress() : result.progress();
        totals(w, p);
        w.name("digest").value(null == result || result.digest().isEmpty() ? null : result.digest());
        w.name("receivers").beginArray();
        for (final ReceiverSnapshot r : null == last ? List.<ReceiverSnapshot>of() : last.receivers())
        {
            receiver(w, r);
        }
        for (final Heard h : null == result ? List.<Heard>of() : result.heard())
        {
            if (h.kind() == Heard.Kind.REFUSED)
            {
                refused(w, h);
            }
        }
        w.endArray();
        w.name("heard").beginArray();
        for (final Heard h : null == result ? List.<Heard>of() : result.heard())
        {
            w.beginObject();
            w.name("kind").value(h.kind().name().toLowerCase(Locale.ROOT));
            w.name("source").value(h.source());
            w.name("name").value(h.name().isEmpty() ? null : h.name());
            w.name("detail").value(h.detail().isEmpty() ? null : h.detail());
            w.name("count").value(h.count());
            w.endObject();
        }
        w.endArray();
        return w.endObject().toJson();
    }

    private static void sender(final JsonWriter w, final Context context)
    {
        w.name("sender").beginObject();
        w.name("interface").value(null == context ? null : context.interfaceName());
        w.name("destination").value(null == context ? null : Reports.address(context.destination()));
        w.name("announce").value(null == context ? null : Reports.address(context.announce()));
        w.name("feedbackPort");
        if (null == context)
        {
            w.value((String)null);
        }
        else
        {
            w.value(context.feedbackPort());
        }
        w.endObject();
    }

    private static void totals(final JsonWriter w, final SenderProgress p)
    {
        final boolean known = null != p;
        final double seconds = known ? p.elapsedNs() / 1e9 : 0;
        w.name("bytes").value(known ? p.bytesSent() : 0);
        w.name("durationSeconds").value(seconds);
        w.name("rateBytesPerSecond").value(seconds > 0 ? p.bytesSent() / seconds : 0);
        w.name("packetsSent").value(known ? p.packetsSent() : 0);
        w.name("packetsResent").value(known ? p.packetsResent() : 0);
        w.name("retransmittedPercent").value(known ? p.retransmitPercent() : 0);
        w.name("paritySent").value(known ? p.paritySent() : 0);
        w.name("dataDatagrams").value(known ? p.dataDatagrams() : 0);
        w.name("repairPercent").value(known ? p.repairPercent() : 0);
        w.name("feedbackDatagrams").value(known ? p.feedbackFrames() : 0);
        w.name("feedbackPercent").value(known ? p.feedbackPercent() : 0);
    }

    private static void receiver(final JsonWriter w, final ReceiverSnapshot r)
    {
        w.beginObject();
        w.name("id").value(r.id());
        w.name("name").value(r.name());
        w.name("address").value(Reports.address(r.address()));
        w.name("outcome").value(r.state().name().toLowerCase(Locale.ROOT));
        w.name("reason").value(r.reason().isEmpty() ? null : r.reason());
        w.name("bytes").value(r.bytes());
        w.name("repairsRequested").value(r.repairsRequested());
        w.name("lostPackets").value(r.lostPackets());
        w.name("receivedPackets").value(r.receivedPackets());
        w.name("lossPercent").value(r.lossPercent());
        w.name("lastHeardSecondsAgo").value(r.silentNs() / 1e9);
        w.endObject();
    }

    private static void refused(final JsonWriter w, final Heard h)
    {
        w.beginObject();
        w.name("id").value((String)null);
        w.name("name").value(h.name());
        w.name("address").value(h.source());
        w.name("outcome").value("refused");
        w.name("reason").value(h.detail());
        w.name("bytes").value(0);
        w.name("repairsRequested").value(0);
        w.name("lostPackets").value(0);
        w.name("receivedPackets").value(0);
        w.name("lossPercent").value(0.0);
        w.name("lastHeardSecondsAgo").value((String)null);
        w.endObject();
    }
}
