package io.netpipe.sender;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

import io.netpipe.agent.AgentFailedException;
import io.netpipe.agent.AgentRunner;
import io.netpipe.agent.IdleStrategy;
import io.netpipe.agent.NanoClock;
import io.netpipe.transport.DatagramTransport;

/**
 * Runs one sending session: the reader on its own thread, the protocol agent on the caller's.
 * {@link #abort()} may be called from any thread (a signal handler) to end it and tell the receivers, and
 * {@link #snapshot()} read from any thread (a live view).
 */
public final class Sender
{
    private static final long MIN_PARK_NS = 10_000L;
    private static final long MAX_PARK_NS = 200_000L;

    private final SenderAgent agent;
    private final StreamReader reader;

    /**
     * @param config    the session.
     * @param input     the stream to replicate.
     * @param transport the socket bound to the feedback port.
     * @param listener  hears joins and losses.
     */
    public Sender(final SendConfig config, final ReadableByteChannel input, final DatagramTransport transport,
        final SenderListener listener)
    {
        final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
        this.reader = new StreamReader(input, pool, config.sessionId(), config.geometry(),
            config.sealing().newSealer());
        this.agent = new SenderAgent(config, pool, reader, transport, NanoClock.SYSTEM, listener);
    }

    /**
     * Runs the session to its end.
     *
     * @return how it ended.
     * @throws IOException          when the socket fails.
     * @throws AgentFailedException when the reader's thread failed; the receivers were told the session ended.
     */
    public SendResult run() throws IOException
    {
        try (AgentRunner readerRunner = new AgentRunner(reader, new IdleStrategy(MIN_PARK_NS, MAX_PARK_NS)))
        {
            readerRunner.start();
            final IdleStrategy idle = new IdleStrategy(MIN_PARK_NS, MAX_PARK_NS);
            while (!agent.isDone())
            {
                try
                {
                    readerRunner.checkFailure();
                }
                catch (final AgentFailedException ex)
                {
                    agent.requestAbort();
                    agent.doWork();
                    throw ex;
                }
                idle.idle(agent.doWork());
            }
        }
        return agent.result();
    }

    /** Ends the session early, telling the receivers; safe from any thread. */
    public void abort()
    {
        agent.requestAbort();
    }

    /** @return whether the session has ended. */
    public boolean isDone()
    {
        return agent.isDone();
    }

    /** @return the latest snapshot of the session, {@code null} before the first; safe from any thread. */
    public SenderSnapshot snapshot()
    {
        return agent.snapshot();
    }
}
