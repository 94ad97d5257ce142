package io.netpipe.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class ReasonsTest
{
    @Test
    void shouldLowerCaseTheJdkMessageWithoutItsDetail()
    {
        assertEquals("connection refused", Reasons.of(new ConnectException("Connection refused: connect")));
        assertEquals("connection reset", Reasons.of(new SocketException("Connection reset")));
    }

    @Test
    void shouldNameATimeoutWhateverTheMessage()
    {
        assertEquals("connect timed out", Reasons.of(new SocketTimeoutException("Connect timed out")));
    }

    @Test
    void shouldFallBackToTheTypeWithoutAMessage()
    {
        assertEquals("IOException", Reasons.of(new IOException()));
    }
}
