package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.protocol.SessionGeometry;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SendResult;
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
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.255.255.255", 9000);
    private static final int STREAM_BYTES = 300_000;
    private static final long ROUND_NS = 500_000L;
    private static final long MAX_ROUNDS = 200_000L;

    @Test
    void shouldReplicateToAThousandReceiversWithPagedRosterAndBye() throws Exception
    {
        final InMemoryNetwork network = new InMemoryNetwork(RECEIVERS, 0.001, 0, 0);
        final Random random = new Random(RECEIVERS);
        final byte[] input = new byte[STREAM_BYTES];
        random.nextBytes(input);
        final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
            RECEIVERS, 1, 0, 5_000_000_000L, 8_000_000L, 1024, BROADCAST, BROADCAST, null);
        assertTrue(new SessionGeometry(config.packetSize(), 0).announcePages(RECEIVERS) > 1, "one page would do");
        final SimulatedGroup group = new SimulatedGroup(network, config, input, RECEIVERS,
            i -> new InetSocketAddress("10.1." + i / 250 + "." + (1 + i % 250), 9000),
            i -> new RecvConfig(256 << 10, null, 0, 10_000_000_000L, "rx" + i));

        group.run(ROUND_NS, MAX_ROUNDS);

        group.assertAllComplete();
        final SendResult result = group.senderResult();
        assertEquals((long)RECEIVERS, result.receivers().stream().filter(r -> r.state() == ReceiverState.State.DONE).count());
        System.out.printf("LargeSessionTest: %d receivers, %d bytes, %.2f s simulated, %d rounds%n", RECEIVERS,
            STREAM_BYTES, result.progress().elapsedNs() / 1e9, group.rounds());
    }
}
