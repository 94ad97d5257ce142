package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.NanoClock;
import io.netpipe.protocol.SessionGeometry;
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
 * A session of 1,000 receivers, more than one ANNOUNCE lists and one BYE carries tokens for: every receiver learns
 * its id from its page of the roster, receives the whole stream over a network that loses 0.1% of deliveries, and
 * ends on its own page of the final BYE. One thread, a manual clock, 1,000 simulated receivers.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargeSessionTest
{
    private static final int RECEIVERS = 1000;
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.255.255.255", 9000);
    private static final int STREAM_BYTES = 300_000;
    private static final long ROUND_NS = 500_000L;
    private static final long MAX_ROUNDS = 200_000L;

    @Test
    void shouldReplicateToAThousandReceiversWithPagedRosterAndBye() throws Exception
    {
        final long[] nowNs = {1_000_000_000L};
        final NanoClock clock = () -> nowNs[0];
        final InMemoryNetwork network = new InMemoryNetwork(RECEIVERS, 0.001, 0, 0);
        final Random random = new Random(RECEIVERS);
        final byte[] input = new byte[STREAM_BYTES];
        random.nextBytes(input);
        final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
            RECEIVERS, 1, 0, 5_000_000_000L, 8_000_000L, 1024, BROADCAST, BROADCAST, null);
        assertTrue(new SessionGeometry(config.packetSize(), 0).announcePages(RECEIVERS) > 1, "one page would do");
        final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
        final StreamReader reader = new StreamReader(Channels.newChannel(new ByteArrayInputStream(input)), pool,
            config.sessionId(), config.packetSize());
        final SenderAgent sender = new SenderAgent(config, pool, reader, network.endpoint(SENDER), clock,
            new SenderListener()
            {
            });
        final List<ReceiverAgent> agents = new ArrayList<>();
        final List<StreamWriter> writers = new ArrayList<>();
        final List<ByteArrayOutputStream> outputs = new ArrayList<>();
        for (int i = 0; i < RECEIVERS; i++)
        {
            final ByteArrayOutputStream output = new ByteArrayOutputStream(input.length);
            final StreamWriter writer = new StreamWriter(Channels.newChannel(output));
            outputs.add(output);
            writers.add(writer);
            final InetSocketAddress address = new InetSocketAddress("10.1." + i / 250 + "." + (1 + i % 250), 9000);
            agents.add(new ReceiverAgent(new RecvConfig(256 << 10, null, 0, 10_000_000_000L, "rx" + i),
                network.endpoint(address), writer, GroupMembership.NONE, clock, new ReceiverListener()
                {
                }));
        }

        long rounds = 0;
        while (!(sender.isDone() && agents.stream().allMatch(ReceiverAgent::isDone)))
        {
            assertTrue(rounds++ < MAX_ROUNDS, "no end after " + rounds + " rounds");
            nowNs[0] += ROUND_NS;
            for (int i = 0; i < 64 && reader.doWork() > 0; i++)
            {
                // The reader fills one frame per call.
            }
            sender.doWork();
            for (int i = 0; i < RECEIVERS; i++)
            {
                agents.get(i).doWork();
                for (int w = 0; w < 8 && writers.get(i).doWork() > 0; w++)
                {
                    // The writer writes up to the ring's end per call.
                }
            }
        }

        final SendResult result = sender.result();
        assertEquals(SendResult.Outcome.COMPLETE, result.outcome(), result.message());
        assertEquals((long)RECEIVERS, result.receivers().stream().filter(r -> r.state() == ReceiverState.State.DONE).count());
        for (int i = 0; i < RECEIVERS; i++)
        {
            assertEquals(RecvResult.Outcome.COMPLETE, agents.get(i).result().outcome(), "rx" + i);
            assertArrayEquals(input, outputs.get(i).toByteArray(), "rx" + i + " output differs");
        }
        System.out.printf("LargeSessionTest: %d receivers, %d bytes, %.2f s simulated, %d rounds%n", RECEIVERS,
            STREAM_BYTES, result.progress().elapsedNs() / 1e9, rounds);
    }
}
