package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

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
    private final StreamReader reader;
    private final SenderAgent sender;
    private final List<ReceiverAgent> agents = new ArrayList<>();
    private final List<StreamWriter> writers = new ArrayList<>();
    private final List<ByteArrayOutputStream> outputs = new ArrayList<>();
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
        this.input = input;
        final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
        reader = new StreamReader(Channels.newChannel(new ByteArrayInputStream(input)), pool, config.sessionId(),
            config.packetSize());
        sender = new SenderAgent(config, pool, reader, network.endpoint(SENDER), () -> nowNs[0], new SenderListener()
        {
        });
        for (int i = 0; i < receivers; i++)
        {
            final ByteArrayOutputStream output = new ByteArrayOutputStream(input.length);
            final StreamWriter writer = new StreamWriter(Channels.newChannel(output));
            outputs.add(output);
            writers.add(writer);
            agents.add(new ReceiverAgent(recv.apply(i), network.endpoint(address.apply(i)), writer,
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
            assertArrayEquals(input, outputs.get(i).toByteArray(), "rx" + i + " output differs");
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

    /** @return rounds run. */
    long rounds()
    {
        return rounds;
    }
}
