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

import io.netpipe.agent.ManualClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.Phase;
import io.netpipe.transport.FakeTransport;

/**
 * A roster longer than one datagram: the receiver learns its id from the page that lists its nonce, is left out
 * only once it heard every page of the fixed roster, and takes only the page of the final BYE that carries its own
 * token.
 */
class RosterPagesTest
{
    private static final int SESSION = 0x9A6E5001;
    private static final int PACKET_SIZE = 576;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int ROSTER = 1000;

    private final ManualClock clock = new ManualClock(5 * SECOND);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final FakeSender sender = new FakeSender(transport, SESSION, PACKET_SIZE);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StreamWriter writer = new StreamWriter(Channels.newChannel(out), clock);
    private final ReceiverAgent agent = new ReceiverAgent(
        new RecvConfig(1 << 20, null, 0, 3 * SECOND, "rx-pages"), transport, writer, GroupMembership.NONE, clock,
        listener);

    private void work() throws IOException
    {
        ReceiverRounds.round(agent, writer);
    }

    /** Finds the session and joins it: returns its nonce. */
    private long join() throws IOException
    {
        sender.announce(Phase.SEEK);
        work();
        return Sent.join(Sent.ofType(transport.sent(), FrameType.JOIN).getFirst()).nonce();
    }

    private static long[] others(final int count, final long seed)
    {
        final long[] nonces = new long[count];
        for (int i = 0; i < count; i++)
        {
            nonces[i] = seed + i;
        }
        return nonces;
    }

    @Test
    void shouldTakeItsIdFromThePageThatListsIt() throws IOException
    {
        final long nonce = join();
        sender.announcePage(Phase.SEEK, ROSTER, 0, others(60, 1));
        work();
        assertEquals(List.of(), listener.admitted, "listed on no page yet");

        final long[] page = others(60, 100);
        page[7] = nonce;
        sender.announcePage(Phase.SEEK, ROSTER, 940, page);
        work();

        assertEquals(List.of(947), listener.admitted);
    }

    @Test
    void shouldWaitForEveryPageOfTheFixedRosterBeforeSayingItWasLeftOut() throws IOException
    {
        join();
        for (int first = 0; first < ROSTER - 40; first += 60)
        {
            sender.announcePage(Phase.INIT, ROSTER, first, others(60, first + 1));
            work();
        }
        assertTrue(listener.notices.isEmpty(), "left out before the last page: " + listener.notices);

        sender.announcePage(Phase.INIT, ROSTER, 960, others(40, 2000));
        work();

        assertTrue(listener.notices.getFirst().contains("started without this receiver"), listener.notices.getFirst());
    }

    @Test
    void shouldIgnoreAForgedPageOfTheFinalByeAndCompleteOnItsOwnPage() throws IOException
    {
        final long nonce = join();
        final long[] page = others(60, 100);
        page[40] = nonce;
        sender.announcePage(Phase.SEEK, ROSTER, 300, page);
        work();
        assertEquals(List.of(340), listener.admitted);
        final byte[] input = new byte[3 * sender.payload() + 5];
        new Random(14).nextBytes(input);
        sender.input(input);
        sender.announcePage(Phase.INIT, ROSTER, 300, page);
        sender.data(0, sender.packetCount());
        sender.eof();
        work();
        work();
        assertArrayEquals(input, out.toByteArray());
        final int complete = ByeFrame.completeToken(agent.endSecret().secret());

        sender.byePage(ByeFrame.REASON_COMPLETE, 240, 60, complete);
        work();
        assertFalse(agent.isDone(), "a page for ids 240..299 ended receiver 340");
        assertEquals(0, agent.stats().badFrames, "another receivers' page is not forged");

        sender.byePage(ByeFrame.REASON_COMPLETE, 300, 60, 0x0BAD_0BAD);
        work();
        assertFalse(agent.isDone(), "a forged page with its id but not its token ended it");
        assertEquals(1, agent.stats().badFrames, "the forged page is counted");

        clock.advanceNs(10 * MS);
        sender.byePage(ByeFrame.REASON_COMPLETE, 300, 60, complete);
        work();
        assertTrue(agent.isDone());
        assertEquals(RecvResult.Outcome.COMPLETE, agent.result().outcome(), agent.result().message());
        assertArrayEquals(input, out.toByteArray());
    }
}
