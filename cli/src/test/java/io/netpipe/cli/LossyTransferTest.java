package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netpipe.agent.NanoClock;
import io.netpipe.receiver.GroupMembership;
import io.netpipe.receiver.ReceiverAgent;
import io.netpipe.receiver.ReceiverListener;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.receiver.RecvResult;
import io.netpipe.receiver.StreamWriter;
import io.netpipe.sender.FramePool;
import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SendResult;
import io.netpipe.sender.SenderAgent;
import io.netpipe.sender.SenderListener;
import io.netpipe.sender.StreamReader;
import io.netpipe.transport.InMemoryNetwork;

/**
 * Whole transfers through a lossy in-memory network, every agent driven from this one thread on a manual clock:
 * the sender's reader and protocol agent, and per receiver its protocol agent and writer.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LossyTransferTest
{
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.0.0.255", 9000);
    private static final int RECEIVERS = 3;
    private static final int STREAM_BYTES = 3 << 20;
    private static final long ROUND_NS = 100_000L;
    private static final long MAX_ROUNDS = 600_000L;
    private static final long DROP_AFTER_NS = 1_000_000_000L;

    /** One sender, {@link #RECEIVERS} receivers and the network between them. */
    private static final class Transfer
    {
        final long[] nowNs = {1_000_000_000L};
        final NanoClock clock = () -> nowNs[0];
        final InMemoryNetwork network;
        final byte[] input;
        final StreamReader reader;
        final SenderAgent sender;
        final List<String> lost = new ArrayList<>();
        final List<InMemoryNetwork.Endpoint> endpoints = new ArrayList<>();
        final List<ReceiverAgent> receivers = new ArrayList<>();
        final List<StreamWriter> writers = new ArrayList<>();
        final List<ByteArrayOutputStream> outputs = new ArrayList<>();
        final boolean[] abandoned = new boolean[RECEIVERS];
        long rounds;

        Transfer(final long seed, final double loss, final double duplicates, final double reordering)
        {
            network = new InMemoryNetwork(seed, loss, duplicates, reordering);
            final Random random = new Random(seed);
            input = new byte[STREAM_BYTES + random.nextInt(1500)];
            random.nextBytes(input);
            final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
                RECEIVERS, 1, 0, DROP_AFTER_NS, 0, 1024, BROADCAST, BROADCAST, null);
            final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
            reader = new StreamReader(Channels.newChannel(new ByteArrayInputStream(input)), pool, config.sessionId(),
                config.packetSize());
            sender = new SenderAgent(config, pool, reader, network.endpoint(SENDER), clock, new SenderListener()
            {
                @Override
                public void receiverLost(final ReceiverState receiver, final String why)
                {
                    lost.add(receiver.id() + " at " + receiver.address() + ": " + why);
                }
            });
            for (int i = 0; i < RECEIVERS; i++)
            {
                final InMemoryNetwork.Endpoint endpoint = network.endpoint(new InetSocketAddress("10.0.0." + (10 + i), 9000));
                final ByteArrayOutputStream output = new ByteArrayOutputStream(input.length);
                final StreamWriter writer = new StreamWriter(Channels.newChannel(output));
                final RecvConfig recvConfig = new RecvConfig(1 << 20, null, 0, 3_000_000_000L, "rx" + i);
                endpoints.add(endpoint);
                outputs.add(output);
                writers.add(writer);
                receivers.add(new ReceiverAgent(recvConfig, endpoint, writer, GroupMembership.NONE, clock,
                    new ReceiverListener()
                    {
                    }));
            }
        }

        boolean finished()
        {
            if (!sender.isDone())
            {
                return false;
            }
            for (int i = 0; i < RECEIVERS; i++)
            {
                if (!abandoned[i] && !receivers.get(i).isDone())
                {
                    return false;
                }
            }
            return true;
        }

        void round() throws Exception
        {
            nowNs[0] += ROUND_NS;
            rounds++;
            for (int i = 0; i < 64 && reader.doWork() > 0; i++)
            {
                // The reader fills one frame per call.
            }
            sender.doWork();
            for (int i = 0; i < RECEIVERS; i++)
            {
                receivers.get(i).doWork();
                for (int w = 0; w < 8 && writers.get(i).doWork() > 0; w++)
                {
                    // The writer writes up to the ring's end per call.
                }
            }
        }

        void runToEnd() throws Exception
        {
            while (!finished())
            {
                if (rounds >= MAX_ROUNDS)
                {
                    fail("no end after " + rounds + " rounds (" + rounds * ROUND_NS / 1e9 + " s simulated): " + this);
                }
                round();
            }
        }

        @Override
        public String toString()
        {
            final StringBuilder text = new StringBuilder();
            text.append("sender ").append(sender.isDone() ? sender.result().outcome() + " " + sender.result().message() :
                "running");
            for (int i = 0; i < RECEIVERS; i++)
            {
                final ReceiverAgent r = receivers.get(i);
                text.append("; rx").append(i).append(abandoned[i] ? " (closed) " : " ")
                    .append(r.isDone() ? r.result().outcome() + " " + r.result().message() : "running")
                    .append(", ").append(writers.get(i).writtenBytes()).append(" of ").append(input.length)
                    .append(" bytes written, ").append((null == r.snapshot() ? 0 : r.snapshot().badFrames())).append(" bad frames");
            }
            return text.append("; network delivered ").append(network.delivered()).append(", dropped ")
                .append(network.dropped()).toString();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldReplicateByteIdenticalThroughLossDuplicatesAndReordering(final long seed) throws Exception
    {
        final Transfer transfer = new Transfer(seed, 0.05, 0.02, 0.05);

        transfer.runToEnd();

        assertEquals(SendResult.Outcome.COMPLETE, transfer.sender.result().outcome(), transfer.toString());
        for (int i = 0; i < RECEIVERS; i++)
        {
            final RecvResult result = transfer.receivers.get(i).result();
            assertEquals(RecvResult.Outcome.COMPLETE, result.outcome(), "rx" + i + ": " + transfer);
            assertEquals(transfer.input.length, result.bytes());
            assertArrayEquals(transfer.input, transfer.outputs.get(i).toByteArray(), "rx" + i + " output differs");
        }
        assertTrue(transfer.network.dropped() > 0, "the network lost nothing");
        // Repairs are retransmissions or parity packets (send --fec, on by default in SendConfig).
        assertTrue(transfer.sender.result().progress().packetsResent() + transfer.sender.result().progress()
            .paritySent() > 0, "nothing was repaired");
    }

    @Test
    void shouldFinishOthersAndNameReceiverWhoseEndpointClosedMidStream() throws Exception
    {
        final Transfer transfer = new Transfer(4, 0.05, 0.02, 0.05);
        final int victim = 1;
        while (transfer.writers.get(victim).writtenBytes() < STREAM_BYTES / 3)
        {
            if (transfer.rounds >= MAX_ROUNDS || transfer.finished())
            {
                fail("rx" + victim + " never got a third of the stream: " + transfer);
            }
            transfer.round();
        }
        transfer.endpoints.get(victim).close();
        transfer.abandoned[victim] = true;

        transfer.runToEnd();

        final SendResult result = transfer.sender.result();
        assertEquals(SendResult.Outcome.RECEIVERS_LOST, result.outcome(), transfer.toString());
        assertTrue(result.message().startsWith("1 of 3 receivers lost: receiver "), result.message());
        final List<ReceiverState> lostReceivers = result.receivers().stream()
            .filter(r -> r.state() == ReceiverState.State.LOST).toList();
        assertEquals(1, lostReceivers.size());
        assertEquals(transfer.endpoints.get(victim).address().getAddress(), lostReceivers.getFirst().address().getAddress());
        assertEquals(1, transfer.lost.size());
        assertTrue(transfer.lost.getFirst().contains("silent"), transfer.lost.getFirst());
        for (int i = 0; i < RECEIVERS; i++)
        {
            if (i != victim)
            {
                assertEquals(RecvResult.Outcome.COMPLETE, transfer.receivers.get(i).result().outcome(),
                    "rx" + i + ": " + transfer);
                assertArrayEquals(transfer.input, transfer.outputs.get(i).toByteArray(), "rx" + i + " output differs");
            }
        }
    }
}
