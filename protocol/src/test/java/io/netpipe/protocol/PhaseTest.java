package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhaseTest
{
    @Test
    void shouldFindEveryPhaseByItsCode()
    {
        for (final Phase phase : Phase.values())
        {
            assertEquals(phase, Phase.get(phase.code()));
        }
    }

    @Test
    void shouldRejectUnknownCodes()
    {
        for (final int code : new int[] {-1, 0, 4, 255, Integer.MIN_VALUE, Integer.MAX_VALUE})
        {
            assertNull(Phase.get(code), "code " + code);
        }
    }
}
