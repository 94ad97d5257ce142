package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netpipe.protocol.SessionSealing;
import io.netpipe.receiver.RecvConfig;
import io.netpipe.sender.SendConfig;
import io.netpipe.transport.InMemoryNetwork;

/**
 * One lossy receiver among clean ones (issue 14, must-hold 3): a receiver that loses 5% of what it receives may fall
 * behind the others by its credit (the buffer it reports, so the window end the sender may not pass), and must cost
 * the clean ones no more than that lag. The same group runs twice on the in-memory network and the manual clock,
 * once with every receiver clean and once with receiver 0 losing 5%; the clean receivers' finish (their writer has
 * written the whole stream) may be later by at most the time the sender takes to send one credit's worth at its rate.
 * It prints the times for the README.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LossyMemberTest
{
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.0.0.255", 9000);
    private static final long ROUND_NS = 100_000L;
    private static final long MAX_ROUNDS = 3_000_000L;

    @ParameterizedTest(name = "{0} receivers, rate cap {1} B/s, fec {2}, {3} MiB, credit {4} MiB")
    @CsvSource({"8, 110000000, -2, 256, 48", "8, 110000000, -1, 256, 48", "32, 110000000, -2, 256, 48",
        "32, 8000000, -2, 16, 4"})
    void shouldCostTheCleanReceiversNoMoreThanTheLagItAllows(final int receivers, final long rateCap, final int fec,
        final int mebibytes, final int creditMebibytes)
        throws Exception
    {
        final Finish clean = transfer(receivers, rateCap, fec, 0, mebibytes << 20, creditMebibytes << 20);
        final Finish oneLossy = transfer(receivers, rateCap, fec, 0.05, mebibytes << 20, creditMebibytes << 20);

        // The lag one credit allows, in time: a credit's worth at the rate the clean group reached.
        final double credit = Math.min(creditMebibytes << 20,
            (double)SendConfig.DEFAULT_WINDOW_PACKETS * SendConfig.DEFAULT_PACKET_SIZE);
        final double lagSeconds = credit / ((mebibytes << 20) / clean.lastCleanSeconds());
        final double costSeconds = oneLossy.lastCleanSeconds() - clean.lastCleanSeconds();
        System.out.printf("LossyMemberTest: %d receivers, rate cap %d B/s, fec %d: clean group done in %.3f s; " +
                "with 5%% loss on rx0 the clean receivers in %.3f s (cost %.3f s, allowed lag %.3f s), rx0 in %.3f s%n",
            receivers, rateCap, fec, clean.lastCleanSeconds(), oneLossy.lastCleanSeconds(), costSeconds, lagSeconds,
            oneLossy.lossySeconds());
        assertTrue(costSeconds <= lagSeconds, "the lossy receiver cost the clean ones " + costSeconds +
            " s, more than the " + lagSeconds + " s of lag its credit allows");
    }

    /** When the clean receivers (1 and up) and the first (0) had the whole stream, from the first round. */
    private record Finish(double lastCleanSeconds, double lossySeconds)
    {
    }

    private static Finish transfer(final int receivers, final long rateCap, final int fec, final double firstLoss,
        final int streamBytes, final int creditBytes)
        throws Exception
    {
        final InMemoryNetwork network = new InMemoryNetwork(receivers, 0, 0, 0);
        final Random random = new Random(receivers);
        final byte[] input = new byte[streamBytes];
        random.nextBytes(input);
        final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
            receivers, 1, 0, 5_000_000_000L, rateCap, SendConfig.DEFAULT_WINDOW_PACKETS, BROADCAST, BROADCAST, null,
            SessionSealing.unkeyed(), fec);
        final SimulatedGroup group = new SimulatedGroup(network, config, input, receivers,
            i -> new InetSocketAddress("10.0.1." + (10 + i), 9000),
            i -> new RecvConfig(creditBytes, null, 0, 10_000_000_000L, "rx" + i).seeded(random),
            i -> i == 0 ? firstLoss : 0);
        final long startNs = group.nowNs();

        group.run(ROUND_NS, MAX_ROUNDS);

        group.assertAllComplete();
        long lastClean = 0;
        for (int i = 1; i < receivers; i++)
        {
            lastClean = Math.max(lastClean, group.completeAtNs(i) - startNs);
        }
        return new Finish(lastClean / 1e9, (group.completeAtNs(0) - startNs) / 1e9);
    }
}
