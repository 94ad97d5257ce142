package io.netpipe.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Takes one datagram from a transport into a buffer of the test's, as the tests' assertions want it. */
public final class Receive
{
    private Receive()
    {
    }

    /**
     * @param transport the transport.
     * @param into      receives the datagram from index 0; its limit becomes the length (0 when none waited).
     * @return the source, or {@code null} when nothing was waiting.
     */
    public static InetSocketAddress one(final DatagramTransport transport, final ByteBuffer into)
    {
        final InetSocketAddress[] from = new InetSocketAddress[1];
        into.clear();
        try
        {
            transport.receive((buffer, offset, length, source) ->
            {
                into.put(0, buffer, offset, Math.min(length, into.capacity()));
                into.limit(Math.min(length, into.capacity()));
                from[0] = source;
            }, 1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (null == from[0])
        {
            into.limit(0);
        }
        return from[0];
    }
}
