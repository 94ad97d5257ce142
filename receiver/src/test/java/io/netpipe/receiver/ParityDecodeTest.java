package io.netpipe.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.Phase;
import io.netpipe.transport.FakeTransport;

/**
 * A receiver rebuilds lost DATA from PARITY frames: the output is byte-identical and its SHA-256 matches, also for
 * a short last packet and for payloads the writer had already written out; a report lists only what the parity held
 * does not cover; impossible parity is counted and dropped.
 */
@Timeout(10)
class ParityDecodeTest
{
    private static final int SESSION = 0x5E55F0EC;
    private static final int PACKET_SIZE = 576;
    private static final int K = 128;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final ReceiverAgent agent = new ReceiverAgent(
        new RecvConfig(1 << 20, null, 0, 3 * SECOND, "rx-parity"), transport, writer, GroupMembership.NONE,
        clock, listener);
    /** Two whole blocks and a short third one whose last packet is short too. */
    private final byte[] input = randomBytes((2 * K + 44) * sender.payload() - 99);

    private static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private void work() throws IOException
    {
        ReceiverRounds.round(agent, writer);
    }

    private void admit() throws IOException
    {
        sender.input(input);
        sender.announce(Phase.SEEK);
        work();
        final long nonce = Sent.join(Sent.ofType(transport.sent(), FrameType.JOIN).getFirst()).nonce();
        sender.announce(Phase.SEEK, nonce);
        work();
        assertEquals(List.of(0), listener.admitted);
    }

    private void dataExcept(final long from, final long to, final long... lost) throws IOException
    {
        for (long seq = from; seq < to; seq++)
        {
            boolean skip = false;
            for (final long l : lost)
            {
                skip |= l == seq;
            }
            if (!skip)
            {
                sender.data(seq);
                work();
            }
        }
    }

    private void finish() throws IOException
    {
        sender.eof();
        for (int i = 0; i < 5; i++)
        {
            clock.advanceNs(MS);
            work();
        }
        sender.bye(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, "complete", agent);
        work();
    }

    @Test
    void shouldRebuildLostPacketsFromParityByteIdentical() throws IOException
    {
        admit();
        // Block 0 loses its first packet: the writer cannot pass it, so nothing of block 0 is written yet.
        // Block 1 loses three, after its first packets were written out; block 2 loses its short last packet.
        dataExcept(0, sender.packetCount(), 0, K + 50, K + 51, K + 127, 2 * K + 43);
        sender.parity(0, 5);
        work();
        sender.parity(1, 0);
        sender.parity(1, 1);
        work();
        sender.parity(1, 9);
        sender.parity(2, 3);
        work();
        finish();

        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome(), agent.result().message());
        assertArrayEquals(input, out.toByteArray());
        assertEquals(5, agent.result().recoveredPackets());
    }

    @Test
    void shouldListOnlyTheLossesTheParityHeldDoesNotCover() throws IOException
    {
        admit();
        dataExcept(0, K + 10, 3, 4, 5);
        sender.parity(0, 0);
        sender.heartbeat(K + 10);
        clock.advanceNs(100 * MS);
        work();
        final List<FakeTransport.Datagram> statuses = Sent.ofType(transport.sent(), FrameType.STATUS);
        int listed = 0;
        for (final String range : Sent.ranges(Sent.status(statuses.getLast())))
        {
            listed += Integer.parseInt(range.substring(range.indexOf('+') + 1));
        }

        assertEquals(2, listed, "three lost, one parity packet held: " +
            Sent.ranges(Sent.status(statuses.getLast())));
    }

    @Test
    void shouldCountAndDropParityWithACountTheBlockCannotHave() throws IOException
    {
        admit();
        dataExcept(0, sender.packetCount(), 7);
        sender.eof();
        work();
        final long before = agent.stats().badFrames;
        sender.parity(2, 0, K);
        work();

        assertEquals(before + 1, agent.stats().badFrames);
        assertFalse(agent.isDone());
        sender.parity(0, 0);
        work();
        finish();
        assertTrue(agent.isDone());
        assertArrayEquals(input, out.toByteArray());
    }
}
