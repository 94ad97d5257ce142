package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netpipe.agent.NanoClock;
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
import io.netpipe.sender.SenderProgress;
import io.netpipe.sender.ReceiverState;
import io.netpipe.sender.StreamReader;
import io.netpipe.transport.InMemoryNetwork;

/**
 * Feedback at scale: a whole transfer to 8, 32 and 64 simulated receivers, each losing 1% of what it receives
 * independently, at 8 MB/s, on one thread with a manual clock. Every output must be byte-identical, and the feedback the
 * sender receives must stay a small fraction of the data it sends. It prints the counts for the README. Every random
 * source is seeded (the network's losses, the data, each receiver's nonce, from which its report phase and back-offs
 * are drawn), so a run replays exactly.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedbackScaleTest
{
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.0.0.255", 9000);
    /** The receivers' default {@code --buffer}: their credit, which sets how far apart their reports may be. */
    private static final int RECV_BUFFER_BYTES = 48 << 20;
    private static final long ROUND_NS = 100_000L;
    private static final long MAX_ROUNDS = 3_000_000L;
    /** Set NETPIPE_TRACE=1 to print the sender's pacing rate every 100 ms of simulated time. */
    private static final boolean TRACE = null != System.getenv("NETPIPE_TRACE");
    /** The sender's rate cap: about what 32 receivers with 1% loss reached in the lab, so feedback per data compares. */
    private static final long RATE_CAP_BYTES_PER_SEC = 8_000_000L;
    /** The slow stream's rate cap, and its round: the same data per round as at 8 MB/s, so it takes as many rounds. */
    private static final long SLOW_RATE_BYTES_PER_SEC = 1_000_000L;
    private static final long SLOW_ROUND_NS = 8 * ROUND_NS;

    @ParameterizedTest(name = "{0} receivers, {1} MiB")
    @CsvSource({"8, 32", "32, 128", "64, 128"})
    void shouldKeepFeedbackSmallAgainstDataWithOnePercentLoss(final int receivers, final int mebibytes)
        throws Exception
    {
        final SenderProgress p = transfer(receivers, mebibytes << 20, RATE_CAP_BYTES_PER_SEC, 0.01).progress();
        // Before the group-size spacing this was 31% at 8 receivers and 134% at 32; before the data-paced budget
        // 3.3%, 6.4% and about 10%. At 64 receivers the 64 ranges of a version 5 STATUS held it at 1.1-1.25%;
        // version 6 lists up to 180 ranges and the default buffer holds the sender's whole window, so the spacing
        // follows the group size (N / 0.005 packets): 0.84% with these seeds (0.89-0.95% in four runs with random
        // nonces, before the seeds), under issue 14's 1%.
        final double bound = receivers <= 8 ? 2 : 1;
        assertTrue(p.feedbackPercent() <= bound, p.feedbackPercent() + "% feedback");
    }

    @Test
    void shouldKeepFeedbackWithinBudgetWhenTheDataFlowsSlowly() throws Exception
    {
        // 1 MB/s, what 64 receivers sharing the lab's 2 cores reach: about 690 data packets a second, so signs of
        // life every 2.5 s would be 3.7% of the data on their own. While data flows the reports by count are the
        // signs of life; before, 61.8 reports a receiver, about 4.3% of the data.
        final SenderProgress p = transfer(64, 128 << 20, SLOW_RATE_BYTES_PER_SEC, 0.01, SLOW_ROUND_NS).progress();

        assertTrue(p.feedbackPercent() <= 1, p.feedbackPercent() + "% feedback");
    }

    @Test
    void shouldHoldThePacingRateOnIndependentLossAtThirtyTwoReceivers() throws Exception
    {
        final Run run = transfer(32, 16 << 20, 0, 0.01);

        // The in-memory network has no queue to overflow, so every back-off is a false alarm; before the fix the
        // rate fell to a few MB/s here from one second to the next.
        assertTrue(run.lowestRateBytesPerSec() >= 48e6, "pacing fell to " + run.lowestRateBytesPerSec() / 1e6 + " MB/s");
    }

    /** What a simulated transfer measured: the sender's counters and the lowest pacing rate while it transferred. */
    private record Run(SenderProgress progress, double lowestRateBytesPerSec)
    {
    }

    private static Run transfer(final int receivers, final int streamBytes, final long rateCap,
        final double loss) throws Exception
    {
        return transfer(receivers, streamBytes, rateCap, loss, ROUND_NS);
    }

    private static Run transfer(final int receivers, final int streamBytes, final long rateCap,
        final double loss, final long roundNs) throws Exception
    {
        final long[] nowNs = {1_000_000_000L};
        final NanoClock clock = () -> nowNs[0];
        final InMemoryNetwork network = new InMemoryNetwork(receivers, loss, 0, 0);
        final Random random = new Random(receivers);
        final byte[] input = new byte[streamBytes];
        random.nextBytes(input);
        final SendConfig config = new SendConfig(random.nextInt(1, Integer.MAX_VALUE), SendConfig.DEFAULT_PACKET_SIZE,
            receivers, 1, 0, 5_000_000_000L, rateCap, SendConfig.DEFAULT_WINDOW_PACKETS, BROADCAST, BROADCAST, null);
        final FramePool pool = new FramePool(config.windowPackets(), config.packetSize());
        final StreamReader reader = new StreamReader(Channels.newChannel(new ByteArrayInputStream(input)), pool,
            config.sessionId(), config.packetSize());
        final boolean[] started = {false};
        final SenderAgent sender = new SenderAgent(config, pool, reader, network.endpoint(SENDER), clock,
            new SenderListener()
            {
                @Override
                public void transferStarted(final List<ReceiverState> roster)
                {
                    started[0] = true;
                }
            });
        final List<ReceiverAgent> agents = new ArrayList<>();
        final List<StreamWriter> writers = new ArrayList<>();
        final FeedbackCounter.Counts counts = new FeedbackCounter.Counts();
        final List<DigestOutputStream> outputs = new ArrayList<>();
        final byte[] inputDigest = MessageDigest.getInstance("SHA-256").digest(input);
        for (int i = 0; i < receivers; i++)
        {
            // A digest of what was written, not a copy: 64 copies of 128 MiB would not fit the test's heap.
            final DigestOutputStream output = new DigestOutputStream(OutputStream.nullOutputStream(),
                MessageDigest.getInstance("SHA-256"));
            final StreamWriter writer = new StreamWriter(Channels.newChannel(output));
            outputs.add(output);
            writers.add(writer);
            final RecvConfig recvConfig = new RecvConfig(RECV_BUFFER_BYTES, null, 0, 10_000_000_000L, "rx" + i)
                .seeded(random);
            agents.add(new ReceiverAgent(recvConfig,
                new FeedbackCounter(network.endpoint(new InetSocketAddress("10.0." + (1 + i / 200) + "." + (10 + i % 200),
                    9000)), counts, () -> started[0]),
                writer, GroupMembership.NONE,
                clock, new ReceiverListener()
                {
                }));
        }
        long rounds = 0;
        long nextTraceNs = 0;
        double lowestRate = Double.MAX_VALUE;
        final StringBuilder trace = new StringBuilder();
        while (!(sender.isDone() && agents.stream().allMatch(ReceiverAgent::isDone)))
        {
            if (rounds++ >= MAX_ROUNDS)
            {
                final io.netpipe.sender.SenderSnapshot stuck = sender.snapshot();
                System.out.println("FeedbackScaleTest: stuck; lowest pacing rate " + lowestRate / 1e6 +
                    " MB/s; every 100 ms:" + trace);
                throw new AssertionError("no end after " + rounds + " rounds: " + (stuck == null ? "no snapshot" :
                    stuck.progress() + " " + stuck.receivers().stream().map(r -> r.state() + "@" + r.contiguous())
                        .toList()) + ", receivers done " + agents.stream().filter(ReceiverAgent::isDone).count());
            }
            nowNs[0] += roundNs;
            for (int i = 0; i < 64 && reader.doWork() > 0; i++)
            {
                // The reader fills one frame per call.
            }
            sender.doWork();
            final io.netpipe.sender.SenderSnapshot snapshot = sender.snapshot();
            if (snapshot != null && snapshot.progress().elapsedNs() > 0 && !sender.isDone())
            {
                lowestRate = Math.min(lowestRate, snapshot.progress().rateBytesPerSec());
            }
            if (TRACE && snapshot != null && nowNs[0] >= nextTraceNs && snapshot.progress().elapsedNs() > 0)
            {
                nextTraceNs = nowNs[0] + 100_000_000L;
                trace.append(String.format(" %.1f", snapshot.progress().rateBytesPerSec() / 1e6));
            }
            for (int i = 0; i < receivers; i++)
            {
                agents.get(i).doWork();
                for (int w = 0; w < 8 && writers.get(i).doWork() > 0; w++)
                {
                    // The writer writes up to the ring's end per call.
                }
            }
        }

        assertEquals(SendResult.Outcome.COMPLETE, sender.result().outcome(), sender.result().message());
        for (int i = 0; i < receivers; i++)
        {
            assertEquals(RecvResult.Outcome.COMPLETE, agents.get(i).result().outcome(), "rx" + i);
            assertArrayEquals(inputDigest, outputs.get(i).getMessageDigest().digest(), "rx" + i + " output differs");
        }
        final SenderProgress p = sender.result().progress();
        final double seconds = p.elapsedNs() / 1e9;
        System.out.printf("FeedbackScaleTest: %d receivers, %.0f%% loss, %d MiB: data %d (repairs %d, %.1f%%), " +
            "feedback %d (%.2f%% of data, %.1f per receiver per s), %.2f s simulated%n", receivers, loss * 100,
            streamBytes >> 20, p.packetsSent() + p.packetsResent(), p.packetsResent(), p.retransmitPercent(),
            p.feedbackFrames(), p.feedbackPercent(), p.feedbackFrames() / seconds / receivers, seconds);
        System.out.printf("FeedbackScaleTest: feedback sent per receiver: %.1f (%s)%n",
            (double)counts.total() / receivers, counts);
        if (TRACE)
        {
            System.out.println("FeedbackScaleTest: pacing rate MB/s every 100 ms:" + trace);
        }
        return new Run(p, lowestRate);
    }
}
