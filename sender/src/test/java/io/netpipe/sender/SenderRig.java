package io.netpipe.sender;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

import io.netpipe.agent.NanoClock;
import io.netpipe.transport.DatagramTransport;

/**
 * A sender agent as the tests drive it, on the test's own thread: its frame pool and reader made from the config
 * and an input, and one round of work in which the reader fills what frames it can before the agent works once.
 */
final class SenderRig
{
    private final FramePool pool;
    private final StreamReader reader;
    private final SenderAgent sender;

    SenderRig(final SendConfig config, final ReadableByteChannel input, final DatagramTransport transport,
        final NanoClock clock, final SenderListener listener)
    {
        pool = new FramePool(config.windowPackets(), config.packetSize());
        reader = new StreamReader(input, pool, config.sessionId(), config.packetSize());
        sender = new SenderAgent(config, pool, reader, transport, clock, listener);
    }

    SenderRig(final SendConfig config, final byte[] input, final DatagramTransport transport, final NanoClock clock,
        final SenderListener listener)
    {
        this(config, Channels.newChannel(new ByteArrayInputStream(input)), transport, clock, listener);
    }

    /** @return the frames between the reader and the agent. */
    FramePool pool()
    {
        return pool;
    }

    /** @return the reader, for a test that drives it by hand. */
    StreamReader reader()
    {
        return reader;
    }

    /** @return the agent. */
    SenderAgent sender()
    {
        return sender;
    }

    /** One round: the reader fills what frames it can, then the sender works once. */
    void work() throws IOException
    {
        for (int i = 0; i < pool.frameCount() && reader.doWork() > 0; i++)
        {
            // The reader fills one frame per call.
        }
        sender.doWork();
    }
}
