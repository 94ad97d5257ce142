package io.netpipe.socketpipe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitReportTest
{
    /** A raw wait status for a normal exit with {@code code}. */
    private static int exited(final int code)
    {
        return code << 8;
    }

    @Test
    void shouldWordARemoteSignalPassedOnAsAnExitStatusAsASignal()
    {
        assertEquals("signal 15 (exit status 143)", ExitReport.describeThroughLogin(exited(143)));
        assertEquals("signal 13 (exit status 141)", ExitReport.describeThroughLogin(exited(141)));
    }

    @Test
    void shouldLeaveOrdinaryExitStatusesAndSshsOwnAlone()
    {
        assertEquals("exit status 3", ExitReport.describeThroughLogin(exited(3)));
        assertEquals("exit status 128", ExitReport.describeThroughLogin(exited(128)));
        assertEquals("exit status 255", ExitReport.describeThroughLogin(exited(255)));
    }

    @Test
    void shouldWordTheLoginCommandsOwnSignalAsASignal()
    {
        assertEquals("signal 9 (exit status 137)", ExitReport.describeThroughLogin(9));
    }
}
