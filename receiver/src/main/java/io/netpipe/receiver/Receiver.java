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
    /**
     * How long an idle receiver blocks for a datagram before it is a member of a session: nothing of a waiting or
     * joining receiver is due sooner (JOINs at least 100 ms apart; a seeking sender announces every 100 ms, and
     * wakes it anyway). Blocking 1 ms, a receiver waiting for a session used 5% of a core and woke 1,300 times a second,
     * and 64 waiting in the lab took both of its cores from the sender they waited for.
     */
    private static final long OUTSIDE_SESSION_AWAIT_NS = 50_000_000L;
    /**
     * How long the network thread naps after draining the socket, so datagrams are handled a few at a time
     * rather than with a wake-up each: at tens of MB/s a wake-up per datagram costs more CPU than the datagram,
     * and on a host whose cores are shared that is throughput. Half a millisecond is far below every protocol
     * timer, and at 10 Gbit/s fills 625 KB of the socket's buffer.
     */
    private static final long NAP_NS = 500_000L;
    /**
     * The longest nap. Where the stream is slow for this receiver (a class of 32 sharing two cores: 2,000 datagrams
     * a second each), a 0.5 ms nap finds one datagram, and 32 receivers waking 2,000 times a second each spend
     * more CPU waking than receiving (the lab at 32: 0.5-1 CPU s a receiver per 64 MiB). So a nap that finds
     * fewer than {@link #NAP_BATCH} doubles, up to 8 ms, and one that finds many halves again: 8 ms at 64 MB/s is
     * 512 KB of the socket's 2 MiB or more, and far below the protocol's report intervals in groups that large.
     */
    private static final long MAX_NAP_NS = 8_000_000L;
    private static final int NAP_BATCH = 16;
    private static final int NAP_MIN_BUFFER_BYTES = 2 << 20;
    /**
     * The writer's park when it has nothing to write: 20 ms, after a few spins and no yields. The network thread
     * wakes it for every write worth its own and for the end ({@link StreamWriter#wakeWanted()}), so the park only
     * times a small tail of a slow stream. Spinning, yielding and parking from 20 us up, the writer of a 1 MB/s
     * stream woke 345 times a second and took 9 ms of CPU a second (now 63 and 3.5); 64 of them share a lab's
     * two cores with everything else.
     */
    private static final long WRITER_PARK_NS = 20_000_000L;
    private static final int WRITER_SPINS = 20;

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
        try (AgentRunner writerRunner = new AgentRunner(writer,
            new IdleStrategy(WRITER_SPINS, 0, WRITER_PARK_NS, WRITER_PARK_NS)))
        {
            // The writer starts with the first session's ring: until then it has nothing to do but wake up.
            boolean writerStarted = false;
            final boolean nap = transport.receiveBufferBytes() >= NAP_MIN_BUFFER_BYTES;
            boolean napped = false;
            long napNs = NAP_NS;
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
                final int work = agent.doWork();
                if (!writerStarted && writer.hasRing())
                {
                    writerRunner.start();
                    writerStarted = true;
                }
                if (writerStarted && writer.wakeWanted())
                {
                    writerRunner.wake();
                }
                final long timerSlackNs = agent.memberTimerSlackNs();
                final boolean member = timerSlackNs >= 0;
                if (napped && work > 0)
                {
                    napNs = work < NAP_BATCH ? Math.min(MAX_NAP_NS, napNs << 1) : Math.max(NAP_NS, napNs >> 1);
                }
                if (work > 0)
                {
                    napped = false;
                }
                else if (nap && !napped && member)
                {
                    LockSupport.parkNanos(napNs);
                    napped = true;
                }
                else
                {
                    // Nothing came during the nap: the stream is idle, so block until something does.
                    transport.awaitReceive(member ? timerSlackNs : OUTSIDE_SESSION_AWAIT_NS);
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
