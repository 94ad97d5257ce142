package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netpipe.protocol.SessionSealing;
import io.netpipe.receiver.ReceiverAgent;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.sender.SendConfig;
import io.netpipe.sender.SenderProgress;
import io.netpipe.transport.InMemoryNetwork;

/**
 * Repairs by parity at scale: a whole transfer to 32 simulated receivers, each losing 1% of what it receives
 * independently, at 8 MB/s, on one thread with a manual clock. Every output must be byte-identical, and the repairs
 * (retransmissions and parity packets) must stay under 5% of the data: by retransmission alone they are about 28%
 * (each packet lost by anyone is repeated for all). It prints the counts for the README.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FecScaleTest
{
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.0.0.255", 9000);
    private static final int STREAM_BYTES = 8 << 20;
    private static final long ROUND_NS = 100_000L;
    private static final long MAX_ROUNDS = 3_000_000L;
    /** The sender's rate cap: about what 32 receivers with 1% loss reached in the lab, so feedback per data compares. */
    private static final long RATE_CAP_BYTES_PER_SEC = 8_000_000L;

    /** Parity on demand, and for comparison retransmission only ({@code fec} -1: nothing asserted on repairs). */
    @ParameterizedTest(name = "{0} receivers, fec {1}")
    @CsvSource({"32, 0", "32, -1"})
    void shouldRepairOnePercentLossWithUnderFivePercentParity(final int receivers, final int fec) throws Exception
    {
        final InMemoryNetwork network = new InMemoryNetwork(receivers, 0.01, 0, 0);
        final Random random = new Random(receivers);
        final byte[] input = new byte[STREAM_BYTES];
        random.nextBytes(input);
        final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
            receivers, 1, 0, 5_000_000_000L, RATE_CAP_BYTES_PER_SEC, 4096, BROADCAST, BROADCAST, null, SessionSealing.unkeyed(), fec);
        final SimulatedGroup group = new SimulatedGroup(network, config, input, receivers,
            i -> new InetSocketAddress("10.0.1." + (10 + i), 9000),
            i -> new RecvConfig(4 << 20, null, 0, 10_000_000_000L, "rx" + i));

        group.run(ROUND_NS, MAX_ROUNDS);

        group.assertAllComplete();
        final SenderProgress p = group.senderResult().progress();
        final double seconds = p.elapsedNs() / 1e9;
        long recovered = 0;
        for (final ReceiverAgent agent : group.receivers())
        {
            recovered += agent.result().recoveredPackets();
        }
        System.out.printf("FecScaleTest: fec %d, %d receivers, 1%% loss, %d MiB: data %d, retransmitted %d, " +
            "parity %d (repairs %.1f%% of data), recovered from parity %d in all, feedback %d (%.1f%%), " +
            "%.2f s simulated%n", fec, receivers, STREAM_BYTES >> 20, p.packetsSent(), p.packetsResent(),
            p.paritySent(), p.repairPercent(), recovered, p.feedbackFrames(), p.feedbackPercent(), seconds);
        if (fec >= 0)
        {
            assertTrue(p.repairPercent() < 5, p.repairPercent() + "% repairs");
            assertTrue(recovered > 0, "nothing recovered from parity");
        }
    }
}
