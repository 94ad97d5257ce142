package io.netpipe.receiver;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.locks.LockSupport;

import io.netpipe.agent.AgentFailedException;
import io.netpipe.agent.AgentRunner;
import io.netpipe.agent.IdleStrategy;
import io.netpipe.agent.NanoClock;
import io.netpipe.transport.DatagramTransport;

/**
 * Runs one receiver: the writer on its own thread, the protocol agent on the caller's, which blocks in the
 * transport between datagrams. {@link #abort()} may be called from any thread.
 */
public final class Receiver
{
    private static final long AWAIT_NS = 1_000_000L;
    /**
     * How long the network thread naps after draining the socket, so datagrams are handled a few at a time
     * rather than with a wake-up each: at tens of MB/s a wake-up per datagram costs more CPU than the datagram,
     * and on a host whose cores are shared that is throughput. Half a millisecond is far below every protocol
     * timer, and at 10 Gbit/s fills 625 KB of the socket's buffer.
     */
    private static final long NAP_NS = 500_000L;
    private static final int NAP_MIN_BUFFER_BYTES = 2 << 20;

    private final ReceiverAgent agent;
    private final StreamWriter writer;
    private final DatagramTransport transport;

    /**
     * @param config     the receiver's configuration.
     * @param output     where the stream goes.
     * @param transport  the socket bound to the data port.
     * @param membership joins an announced multicast group.
     * @param listener   hears what happens.
     */
    public Receiver(final RecvConfig config, final WritableByteChannel output, final DatagramTransport transport,
        final GroupMembership membership, final ReceiverListener listener)
    {
        this.transport = transport;
        this.writer = new StreamWriter(output);
        this.agent = new ReceiverAgent(config, transport, writer, membership, NanoClock.SYSTEM, listener);
    }

    /**
     * Runs until the stream is complete and verified, or the receiver gives up.
     *
     * @return how it ended.
     * @throws IOException          when the socket fails.
     * @throws AgentFailedException when the writer's thread failed; the sender was told this receiver gave up.
     */
    public RecvResult run() throws IOException
    {
        try (AgentRunner writerRunner = new AgentRunner(writer, new IdleStrategy(20_000L, 500_000L)))
        {
            writerRunner.start();
            final boolean nap = transport.receiveBufferBytes() >= NAP_MIN_BUFFER_BYTES;
            boolean napped = false;
            while (!agent.isDone())
            {
                try
                {
                    writerRunner.checkFailure();
                }
                catch (final AgentFailedException ex)
                {
                    // The sender hears the cause; the command's own message says the rest.
                    agent.requestAbort("internal error: " + ex.getMessage());
                    agent.doWork();
                    throw ex;
                }
                if (agent.doWork() > 0)
                {
                    napped = false;
                }
                else if (nap && !napped)
                {
                    LockSupport.parkNanos(NAP_NS);
                    napped = true;
                }
                else
                {
                    // Nothing came during the nap: the stream is idle, so block until something does.
                    transport.awaitReceive(AWAIT_NS);
                    napped = false;
                }
            }
        }
        return agent.result();
    }

    /** Gives up early, telling the sender; safe from any thread. */
    public void abort()
    {
        agent.requestAbort("interrupted");
    }

    /** @return the latest snapshot of the receiver, {@code null} before the first; safe from any thread. */
    public RecvSnapshot snapshot()
    {
        return agent.snapshot();
    }

    /** @return whether the receiver has finished. */
    public boolean isDone()
    {
        return agent.isDone();
    }
}
