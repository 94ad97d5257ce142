package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FrameTypeTest
{
    @Test
    void shouldFindEveryTypeByItsCode()
    {
        for (final FrameType type : FrameType.values())
        {
            assertEquals(type, FrameType.get(type.code()));
        }
    }

    @Test
    void shouldRejectUnknownCodes()
    {
        for (final int code : new int[] {-1, 0, 9, 10, 255, 256, Integer.MIN_VALUE, Integer.MAX_VALUE})
        {
            assertNull(FrameType.get(code), "code " + code);
        }
    }
}
