package io.netpipe.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Client-side helpers for the relay tests. */
final class Streams
{
    private Streams()
    {
    }

    /** @return {@code size} pseudo-random bytes, a different sequence per seed, so a swapped stream is caught. */
    static byte[] payload(final long seed, final int size)
    {
        final byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Reads until EOF. */
    static byte[] readAll(final SocketChannel channel) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buffer.clear()) >= 0)
        {
            out.write(buffer.array(), 0, buffer.position());
        }
        return out.toByteArray();
    }

    static void writeAll(final SocketChannel channel, final byte[] bytes) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /**
     * Connects, sends the request from a second thread (so a large echo cannot deadlock), half-closes, and reads
     * until EOF.
     *
     * @return everything the other side sent.
     */
    static byte[] exchange(final InetSocketAddress address, final byte[] request) throws Exception
    {
        try (SocketChannel channel = SocketChannel.open(address))
        {
            final AtomicReference<Exception> writeFailure = new AtomicReference<>();
            final Thread writer = Thread.ofVirtual().start(() ->
            {
                try
                {
                    writeAll(channel, request);
                    channel.shutdownOutput();
                }
                catch (final IOException ex)
                {
                    writeFailure.set(ex);
                }
            });
            final byte[] response = readAll(channel);
            writer.join();
            if (null != writeFailure.get())
            {
                throw writeFailure.get();
            }
            return response;
        }
    }

    /**
     * Reads until the stream ends, and fails unless it ends with a reset (how the relay passes on a cut).
     *
     * @return the bytes read before the reset.
     */
    static byte[] readUntilReset(final SocketChannel channel) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try
        {
            while (channel.read(buffer.clear()) >= 0)
            {
                out.write(buffer.array(), 0, buffer.position());
            }
        }
        catch (final SocketException ex)
        {
            if (String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT).contains("reset"))
            {
                out.write(buffer.array(), 0, buffer.position());
                return out.toByteArray();
            }
            throw ex;
        }
        throw new AssertionError("a clean EOF after " + out.size() + " bytes, where a reset was due");
    }

    /** Waits for a condition, polling, failing after the timeout. */
    static void await(final BooleanSupplier condition, final Duration timeout, final String what)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
