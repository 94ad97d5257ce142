package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

import io.netpipe.receiver.GroupMembership;
import io.netpipe.receiver.ReceiverAgent;
import io.netpipe.receiver.ReceiverListener;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.StreamWriter;
import io.netpipe.sender.FramePool;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderAgent;
import io.netpipe.sender.SenderListener;
import io.netpipe.sender.StreamReader;
import io.netpipe.transport.InMemoryNetwork;

/**
 * A whole session in one thread on the in-memory network and a manual clock: one sender agent with its reader, and
 * N receiver agents with their writers, stepped round by round until all are done. For the tests of many
 * receivers, which differ in loss, sizes and what they assert, not in how the group runs.
 */
final class SimulatedGroup
{
    /** Where the sender's feedback socket sits on the simulated network. */
    static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);

    private final long[] nowNs = {1_000_000_000L};
    private final byte[] input;
    private final byte[] inputDigest;
    private final StreamReader reader;
    private final SenderAgent sender;
    private final List<ReceiverAgent> agents = new ArrayList<>();
    private final List<StreamWriter> writers = new ArrayList<>();
    private final List<DigestOutputStream> outputs = new ArrayList<>();
    private final long[] written;
    private final long[] completeAtNs;
    private long rounds;

    /**
     * @param network   the simulated network (its loss is the test's).
     * @param config    the sender's configuration.
     * @param input     the stream.
     * @param receivers how many.
     * @param address   receiver i's address.
     * @param recv      receiver i's configuration.
     */
    SimulatedGroup(final InMemoryNetwork network, final SendConfig config, final byte[] input, final int receivers,
        final IntFunction<InetSocketAddress> address, final IntFunction<RecvConfig> recv)
    {
        this(network, config, input, receivers, address, recv, null);
    }

    /**
     * @param network   the simulated network.
     * @param config    the sender's configuration.
     * @param input     the stream.
     * @param receivers how many.
     * @param address   receiver i's address.
     * @param recv      receiver i's configuration.
     * @param loss      receiver i's loss, in place of the network's; {@code null} for the network's.
     */
    SimulatedGroup(final InMemoryNetwork network, final SendConfig config, final byte[] input, final int receivers,
        final IntFunction<InetSocketAddress> address, final IntFunction<RecvConfig> recv,
        final IntToDoubleFunction loss)
    {
        this.input = input;
        this.inputDigest = Processes.newSha256().digest(input);
        this.written = new long[receivers];
        this.completeAtNs = new long[receivers];
        Arrays.fill(completeAtNs, -1);
        final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
        reader = new StreamReader(Channels.newChannel(new ByteArrayInputStream(input)), pool, config.sessionId(),
            config.packetSize());
        sender = new SenderAgent(config, pool, reader, network.endpoint(SENDER), () -> nowNs[0], new SenderListener()
        {
        });
        for (int i = 0; i < receivers; i++)
        {
            // A digest and a count of what was written, not a copy: 32 copies of a stream need not fit the heap.
            final int receiver = i;
            final DigestOutputStream output = new DigestOutputStream(new OutputStream()
            {
                @Override
                public void write(final int b)
                {
                    counted(receiver, 1);
                }

                @Override
                public void write(final byte[] b, final int off, final int len)
                {
                    counted(receiver, len);
                }
            }, Processes.newSha256());
            final StreamWriter writer = new StreamWriter(Channels.newChannel(output));
            outputs.add(output);
            writers.add(writer);
            final InetSocketAddress at = address.apply(i);
            agents.add(new ReceiverAgent(recv.apply(i),
                null == loss ? network.endpoint(at) : network.endpoint(at, loss.applyAsDouble(i)), writer,
                GroupMembership.NONE, () -> nowNs[0], new ReceiverListener()
                {
                }));
        }
    }

    /**
     * Steps every agent once a round, the clock advancing {@code roundNs} a round, until all are done.
     *
     * @param roundNs   simulated time a round.
     * @param maxRounds rounds after which the test fails.
     * @throws IOException when an agent's socket fails.
     */
    void run(final long roundNs, final long maxRounds) throws IOException
    {
        while (!(sender.isDone() && agents.stream().allMatch(ReceiverAgent::isDone)))
        {
            assertTrue(rounds++ < maxRounds, "no end after " + rounds + " rounds");
            nowNs[0] += roundNs;
            for (int i = 0; i < 64 && reader.doWork() > 0; i++)
            {
                // The reader fills one frame per call.
            }
            sender.doWork();
            for (int i = 0; i < agents.size(); i++)
            {
                agents.get(i).doWork();
                for (int w = 0; w < 8 && writers.get(i).doWork() > 0; w++)
                {
                    // The writer writes up to the ring's end per call.
                }
            }
        }
    }

    /** Asserts the sender and every receiver completed, every output byte-identical to the input. */
    void assertAllComplete()
    {
        assertEquals(SendResult.Outcome.COMPLETE, sender.result().outcome(), sender.result().message());
        for (int i = 0; i < agents.size(); i++)
        {
            assertEquals(RecvResult.Outcome.COMPLETE, agents.get(i).result().outcome(), "rx" + i);
            assertEquals(input.length, written[i], "rx" + i + " bytes written");
            assertArrayEquals(inputDigest, outputs.get(i).getMessageDigest().digest(), "rx" + i + " output differs");
        }
    }

    /**
     * @param receiver which.
     * @return the simulated time at which its writer had written the whole stream, -1 if it never did.
     */
    long completeAtNs(final int receiver)
    {
        return completeAtNs[receiver];
    }

    private void counted(final int receiver, final int bytes)
    {
        written[receiver] += bytes;
        if (written[receiver] == input.length && completeAtNs[receiver] < 0)
        {
            completeAtNs[receiver] = nowNs[0];
        }
    }

    /** @return the sender's result, once {@link #run} returned. */
    SendResult senderResult()
    {
        return sender.result();
    }

    /** @return the receiver agents. */
    List<ReceiverAgent> receivers()
    {
        return agents;
    }

    /** @return the simulated clock's time now. */
    long nowNs()
    {
        return nowNs[0];
    }

    /** @return rounds run. */
    long rounds()
    {
        return rounds;
    }
}
