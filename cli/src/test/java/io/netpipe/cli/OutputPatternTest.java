package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** {@code recv -o} placeholders: a {@code --loop} receiver keeps each session's stream under its own name. */
class OutputPatternTest
{
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T17:45:00.789Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void shouldPutTheSessionNumberAndUtcTimeIntoTheName()
    {
        final OutputPattern pattern = new OutputPattern("/var/lib/netpipe/{n}-{time}.img", clock);

        assertTrue(pattern.varies());
        assertEquals(Path.of("/var/lib/netpipe/3-20261130T174500Z.img"), pattern.resolve(3));
    }

    @Test
    void shouldLeaveANameWithoutPlaceholdersAlone()
    {
        final OutputPattern pattern = new OutputPattern("/dev/sda", clock);

        assertFalse(pattern.varies());
        assertEquals(Path.of("/dev/sda"), pattern.resolve(2));
    }
}
