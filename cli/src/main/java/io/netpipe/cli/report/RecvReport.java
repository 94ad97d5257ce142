package io.netpipe.cli.report;

import java.util.Locale;

import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;

/**
 * The JSON document {@code recv --report} writes (its schema is {@code docs/report.schema.json}): how the
 * receiver ended and why, the sender it followed, what it wrote, its losses and the stream's SHA-256. Built from
 * the receiver's result and last snapshot; also written, with what is known, when the run failed before it had
 * a result.
 */
public final class RecvReport
{
    /**
     * What the command line knows of the receiver.
     *
     * @param sessionName   the {@code --session} name, or {@code null}.
     * @param interfaceName the {@code --interface}, or {@code null} for all.
     * @param port          the data port.
     * @param output        the {@code -o} file, or {@code null} for stdout.
     * @param transport     the transport's name, or {@code null} before it was opened.
     */
    public record Context(String sessionName, String interfaceName, int port, String output, String transport)
    {
    }

    private RecvReport()
    {
    }

    /**
     * @param context  what the command line knows.
     * @param result   how it ended, or {@code null} when it failed without a result.
     * @param last     the receiver's last snapshot, or {@code null}.
     * @param exitCode the exit code.
     * @param reason   why it failed, or empty.
     * @return the document.
     */
    public static String json(final Context context, final RecvResult result, final RecvSnapshot last,
        final int exitCode, final String reason)
    {
        final JsonWriter w = new JsonWriter().beginObject();
        w.name("command").value("recv");
        w.name("reportVersion").value(SendReport.REPORT_VERSION);
        w.name("exitCode").value(exitCode);
        w.name("outcome").value(null == result ? "error" : result.outcome().name().toLowerCase(Locale.ROOT));
        w.name("reason").value(reason.isEmpty() ? null : reason);
        final int session = null != result ? result.sessionId() : null != last ? last.sessionId() : 0;
        w.name("session").value(0 == session ? null : String.format("%08x", session));
        w.name("sessionName").value(context.sessionName());
        w.name("sender").value(null == last ? null : Reports.address(last.sender()));
        w.name("interface").value(context.interfaceName());
        w.name("port").value(context.port());
        w.name("output").value(context.output());
        w.name("transport").value(context.transport());
        final long bytes = null != result ? result.bytes() : null != last ? last.bytesWritten() : 0;
        final long elapsedNs = null != result ? result.elapsedNs() : null != last ? last.elapsedNs() : 0;
        w.name("bytes").value(bytes);
        w.name("durationSeconds").value(elapsedNs / 1e9);
        w.name("rateBytesPerSecond").value(elapsedNs > 0 ? bytes / (elapsedNs / 1e9) : 0);
        final boolean known = null != last;
        final long lost = known ? last.lostPackets() : 0;
        final long received = known ? last.receivedPackets() : 0;
        w.name("receivedPackets").value(received);
        w.name("lostPackets").value(lost);
        // Every packet found missing was asked for again: as a share of those received, what the sender resent for it.
        w.name("retransmittedPercent").value(received == 0 ? 0 : 100.0 * lost / received);
        w.name("duplicates").value(known ? last.duplicates() : 0);
        w.name("beyondWindow").value(known ? last.beyondWindow() : 0);
        w.name("badFrames").value(known ? last.badFrames() : 0);
        w.name("recoveredPackets").value(null != result ? result.recoveredPackets() : 0);
        w.name("membershipRenewals").value(null != result ? result.membershipRenewals() : known ? last.renewals() : 0);
        w.name("digest").value(null == result || result.digest().isEmpty() ? null : result.digest());
        return w.endObject().toJson();
    }
}
