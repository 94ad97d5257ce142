package io.netpipe.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ReportFieldsTest
{
    // The layout netpipe's JsonWriter produces (see docs/report.schema.json), cut down.
    private static final String REPORT = """
        {
          "command": "send",
          "exitCode": 0,
          "receivers": [
            {
              "retransmittedPercent": 99.000,
              "lossPercent": 1.500
            }
          ],
          "retransmittedPercent": 12.345,
          "bytes": 1048576
        }
        """;

    @Test
    void shouldReadTheTopLevelFieldNotAReceiversField()
    {
        assertEquals(OptionalDouble.of(12.345), ReportFields.number(REPORT, "retransmittedPercent"));
        assertEquals(OptionalDouble.of(1048576), ReportFields.number(REPORT, "bytes"));
    }

    @Test
    void shouldFindNothingForAMissingFieldOrFile()
    {
        assertEquals(OptionalDouble.empty(), ReportFields.number(REPORT, "lossPercent"));
        assertEquals(OptionalDouble.empty(), ReportFields.number(Path.of("/nonexistent/tx.json"), "bytes"));
    }
}
