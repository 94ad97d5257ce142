package io.netpipe.forward;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Short lower-case reasons for log lines, from the JDK's exception messages. */
final class Reasons
{
    private Reasons()
    {
    }

    /**
     * @param ex what a socket operation threw.
     * @return e.g. {@code connection refused}, {@code connection reset}, {@code connect timed out}.
     */
    static String of(final IOException ex)
    {
        if (ex instanceof SocketTimeoutException)
        {
            return "connect timed out";
        }
        if (ex instanceof UnknownHostException)
        {
            // The JDK's message is the bare host name.
            return "cannot resolve host";
        }
        final String message = ex.getMessage();
        if (null == message || message.isBlank())
        {
            if (ex instanceof ConnectException)
            {
                return "connection refused";
            }
            return ex instanceof NoRouteToHostException ? "no route to host" : ex.getClass().getSimpleName();
        }
        // The JDK appends details after a colon or in parentheses ("Connection refused: connect"); keep the start.
        final int colon = message.indexOf(':');
        final String head = colon > 0 ? message.substring(0, colon) : message;
        return head.trim().toLowerCase(Locale.ROOT);
    }
}
