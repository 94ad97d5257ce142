package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.netpipe.cli.report.RecvReport;
import io.netpipe.cli.report.SendReport;
import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.RecvSnapshot;
import io.netpipe.sender.Heard;
import io.netpipe.sender.ReceiverSnapshot;
import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.SenderSnapshot;

/** The report documents built from results, checked against the schema, hostile names included. */
class ReportJsonTest
{
    private static final String HOSTILE = "rx\"1\n\u001b[2J\\";
    private static final SendReport.Context CONTEXT = new SendReport.Context(0x5a3c0001, "lab \"a\"", "eth0",
        new InetSocketAddress("10.0.0.255", 9000), new InetSocketAddress("10.0.0.255", 9000), 9001, "linux");

    @Test
    void shouldNameALostReceiverWithItsReasonAndARefusedOne()
    {
        final SenderProgress progress = new SenderProgress(2_000_000_000L, 1 << 20, 1 << 20, 720, 36, 5e6, 1, 2, 300);
        final SenderSnapshot last = new SenderSnapshot(1, progress, List.of(
            new ReceiverSnapshot(0, HOSTILE, new InetSocketAddress("10.0.0.11", 9000), ReceiverState.State.DONE, 720,
                1 << 20, 0, 4, 4, 716, 0, ""),
            new ReceiverSnapshot(1, "rx2", new InetSocketAddress("10.0.0.12", 9000), ReceiverState.State.LOST, 100,
                145_600, 0, 0, 0, 100, 6_000_000_000L, "silent for 6 s")));
        final SendResult result = new SendResult(SendResult.Outcome.RECEIVERS_LOST, "1 of 2 receivers lost", progress,
            List.of(), List.of(new Heard(Heard.Kind.REFUSED, "10.0.0.13:9000", "rx3", "joined after the transfer started",
                5), new Heard(Heard.Kind.OTHER_SESSION, "10.0.0.14:9000", "", "id 12340001", 9)), "ab".repeat(32));

        final JsonNode report = ReportCheck.check(SendReport.json(CONTEXT, result, last, ExitCodes.RECEIVERS_LOST,
            result.message()));

        assertEquals(3, report.get("exitCode").asInt());
        assertEquals("receivers_lost", report.get("outcome").asText());
        assertEquals("5a3c0001", report.get("session").asText());
        assertEquals("lab \"a\"", report.get("sessionName").asText());
        assertEquals(5.0, report.get("retransmittedPercent").asDouble());
        final SenderProgress p = result.progress();
        assertEquals(p.packetsSent() + p.packetsResent() + p.paritySent(), report.get("dataDatagrams").asLong());
        assertEquals(100.0 * (p.packetsResent() + p.paritySent()) / p.packetsSent(),
            report.get("repairPercent").asDouble(), 1e-3);
        assertEquals(HOSTILE, report.get("receivers").get(0).get("name").asText());
        final JsonNode lost = report.get("receivers").get(1);
        assertEquals("lost", lost.get("outcome").asText());
        assertEquals("silent for 6 s", lost.get("reason").asText());
        final JsonNode refused = report.get("receivers").get(2);
        assertEquals("refused", refused.get("outcome").asText());
        assertTrue(refused.get("id").isNull());
        assertEquals("other_session", report.get("heard").get(1).get("kind").asText());
    }

    @Test
    void shouldHaveASchemaThatRejectsALostReceiverWithoutReasonAndUnknownFields()
    {
        final String good = SendReport.json(null, null, null, ExitCodes.IO, "x");

        assertTrue(ReportCheck.errors(good).isEmpty());
        assertFalse(ReportCheck.errors(good.replace("\"exitCode\"", "\"exitcode\"")).isEmpty());
        assertFalse(ReportCheck.errors(good.replace("\"receivers\": []", "\"receivers\": [{\"id\": 0, \"name\": " +
            "\"a\", \"address\": \"1.2.3.4:5\", \"outcome\": \"lost\", \"reason\": null, \"bytes\": 0, " +
            "\"repairsRequested\": 0, \"lostPackets\": 0, \"receivedPackets\": 0, \"lossPercent\": 0, " +
            "\"lastHeardSecondsAgo\": 1}]")).isEmpty());
    }

    @Test
    void shouldWriteAFailureBeforeAnythingWasSetUp()
    {
        final JsonNode report = ReportCheck.check(SendReport.json(null, null, null, ExitCodes.IO,
            "cannot bind: Address already in use"));

        assertEquals("error", report.get("outcome").asText());
        assertEquals("cannot bind: Address already in use", report.get("reason").asText());
        assertTrue(report.get("session").isNull());
        assertTrue(report.get("digest").isNull());
    }

    @Test
    void shouldDescribeAReceiverThatCompletedAndOneThatTimedOut()
    {
        final RecvReport.Context context = new RecvReport.Context(null, null, 9000, "/tmp/out", "nio");
        final RecvSnapshot last = new RecvSnapshot(new InetSocketAddress("10.0.0.1", 9001), 0x5a3c0001, 1 << 20,
            1_000_000_000L, 10, 720, 3, 0, 2, 0);

        final JsonNode complete = ReportCheck.check(RecvReport.json(context, new RecvResult(RecvResult.Outcome.COMPLETE,
            "", 1 << 20, 1_000_000_000L, 0x5a3c0001, 0, "cd".repeat(32)), last, 0, ""));
        final JsonNode timeout = ReportCheck.check(RecvReport.json(context, new RecvResult(RecvResult.Outcome.TIMEOUT,
            "no session found within 3.0 s", 0, 0, 0, 0), null, ExitCodes.TIMEOUT, "no session found within 3.0 s"));

        assertEquals("10.0.0.1:9001", complete.get("sender").asText());
        assertEquals("cd".repeat(32), complete.get("digest").asText());
        assertTrue(complete.get("reason").isNull());
        assertEquals("timeout", timeout.get("outcome").asText());
        assertEquals(6, timeout.get("exitCode").asInt());
        assertTrue(timeout.get("sender").isNull());
    }
}
