package io.netpipe.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/**
 * Makes the JDK set up the poller that parks virtual threads on sockets, while descriptors are plentiful. The JDK
 * creates its epoll instances on the first blocking socket call of a virtual thread; if that first call happens
 * when the process is out of file descriptors, the poller's class fails to initialize and every later blocking
 * call of every virtual thread fails with {@code NoClassDefFoundError}: a relay that once ran out of descriptors
 * would never relay again.
 */
final class PollerWarmUp
{
    private static final long WAIT_NS = 1_000_000_000L;

    private PollerWarmUp()
    {
    }

    /** Blocks a virtual thread in a read once (a few milliseconds, at start only). */
    static void run() throws IOException
    {
        final Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink())
        {
            final Thread reader = Thread.ofVirtual().name("forward-poller-warm-up").start(() ->
            {
                try
                {
                    source.read(ByteBuffer.allocate(1));
                }
                catch (final IOException ignore)
                {
                    // The pipe is closed below either way; only the poller's set-up mattered.
                }
            });
            // Only a read that finds nothing parks (and so sets the poller up): wait until the reader is parked.
            final long deadlineNs = System.nanoTime() + WAIT_NS;
            while (Thread.State.WAITING != reader.getState() && reader.isAlive() && System.nanoTime() < deadlineNs)
            {
                Thread.onSpinWait();
            }
            sink.write(ByteBuffer.wrap(new byte[] {0}));
            reader.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
