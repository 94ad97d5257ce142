package io.netpipe.libc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WaitStatusTest
{
    @Test
    void shouldDecodeNormalExit()
    {
        assertEquals(7, WaitStatus.exitCode(7 << 8));
        assertEquals("exit status 7", WaitStatus.describe(7 << 8));
    }

    @Test
    void shouldDecodeSignalAs128PlusSignal()
    {
        assertEquals(137, WaitStatus.exitCode(9));
        assertEquals("signal 9 (exit status 137)", WaitStatus.describe(9));
    }

    @Test
    void shouldDecodeSignalWithCoreDump()
    {
        assertEquals(139, WaitStatus.exitCode(0x80 | 11));
    }
}
