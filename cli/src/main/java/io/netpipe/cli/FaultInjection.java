package io.netpipe.cli;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A test aid: {@code NETPIPE_FAULT=reader} makes the sender's input, and {@code NETPIPE_FAULT=writer} the
 * receiver's output, throw an unchecked exception at the first call, as a bug on that thread would. The process
 * tests use it to prove that a failure on any thread ends the command with exit 1 and one line.
 */
final class FaultInjection
{
    private static final String FAULT = System.getenv("NETPIPE_FAULT");

    private FaultInjection()
    {
    }

    static ReadableByteChannel input(final ReadableByteChannel input)
    {
        return !"reader".equals(FAULT) ? input : new ReadableByteChannel()
        {
            @Override
            public int read(final ByteBuffer dst)
            {
                throw new IllegalStateException("injected fault (NETPIPE_FAULT=reader)");
            }

            @Override
            public boolean isOpen()
            {
                return input.isOpen();
            }

            @Override
            public void close() throws java.io.IOException
            {
                input.close();
            }
        };
    }

    static WritableByteChannel output(final WritableByteChannel output)
    {
        return !"writer".equals(FAULT) ? output : new WritableByteChannel()
        {
            @Override
            public int write(final ByteBuffer src)
            {
                throw new IllegalStateException("injected fault (NETPIPE_FAULT=writer)");
            }

            @Override
            public boolean isOpen()
            {
                return output.isOpen();
            }

            @Override
            public void close() throws java.io.IOException
            {
                output.close();
            }
        };
    }
}
