package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnnounceFrameTest
{
    private static final int SESSION = 0x7FFF0001;
    private static final int PACKET_SIZE = 65507;
    private static final int GROUP = 0xEF010203;
    private static final long[] NONCES = {-1L, 0x0123456789ABCDEFL, 5L};
    private static final int LENGTH = AnnounceFrame.length(NONCES.length);

    private final CRC32 crc = new CRC32();

    private ByteBuffer sealed(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(1472);
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(buffer).writeHeader(FrameType.ANNOUNCE, SESSION);
        frame.write(Phase.INIT, PACKET_SIZE, GROUP, 65535, NONCES.length);
        for (int i = 0; i < NONCES.length; i++)
        {
            frame.nonce(i, NONCES[i]);
        }
        Frames.seal(buffer, LENGTH, crc);
        return buffer;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripParametersAndRoster(final BufferKind kind)
    {
        final ByteBuffer buffer = sealed(kind);

        assertEquals(FrameType.ANNOUNCE, Frames.verify(buffer, LENGTH, crc));
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(buffer);
        assertTrue(frame.isComplete(LENGTH));
        assertEquals(SESSION, frame.sessionId());
        assertEquals(Phase.INIT, Phase.get(frame.phaseCode()));
        assertEquals(PACKET_SIZE, frame.packetSize());
        assertEquals(GROUP, frame.group());
        assertEquals(65535, frame.expected());
        assertEquals(NONCES.length, frame.rosterSize());
        assertEquals(0, frame.firstId());
        assertEquals(NONCES.length, frame.entryCount());
        for (int i = 0; i < NONCES.length; i++)
        {
            assertEquals(NONCES[i], frame.nonce(i));
        }
    }

    @Test
    void shouldRejectRosterLongerThanDatagram()
    {
        final ByteBuffer buffer = sealed(BufferKind.HEAP);
        final int shorter = AnnounceFrame.length(NONCES.length - 1);
        Frames.seal(buffer, shorter, crc);

        assertEquals(FrameType.ANNOUNCE, Frames.verify(buffer, shorter, crc));
        assertFalse(new AnnounceFrame().wrap(buffer).isComplete(shorter));
    }

    @Test
    void shouldRejectDatagramShorterThanFixedBody()
    {
        final ByteBuffer buffer = sealed(BufferKind.HEAP);

        assertFalse(new AnnounceFrame().wrap(buffer).isComplete(AnnounceFrame.ROSTER_OFFSET - 1));
        assertNull(Frames.verify(buffer, LENGTH - 1, crc));
    }

    @Test
    void shouldFitTheLargestPageInPacket()
    {
        assertTrue(AnnounceFrame.length(AnnounceFrame.maxEntries(1472)) <= 1472);
        assertTrue(AnnounceFrame.length(AnnounceFrame.maxEntries(1472) + 1) > 1472);
    }

    @ParameterizedTest
    @ValueSource(ints = {576, 1472, 9000})
    void shouldListTheLargestRosterInPagesThatFitKeyedOrNot(final int packetSize)
    {
        for (final int trailer : new int[] {0, 44})
        {
            final SessionGeometry geometry = new SessionGeometry(packetSize, trailer);
            final int roster = geometry.maxRoster();
            final int perPage = geometry.announcePageEntries();
            final int pages = geometry.announcePages(roster);
            final long[] heard = new long[roster];
            for (int page = 0; page < pages; page++)
            {
                final int first = page * perPage;
                final int count = Math.min(perPage, roster - first);
                final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
                final AnnounceFrame frame = new AnnounceFrame();
                frame.wrap(buffer).writeHeader(FrameType.ANNOUNCE, SESSION);
                frame.write(Phase.INIT, packetSize, 0, roster, roster, first, count);
                for (int i = 0; i < count; i++)
                {
                    frame.nonce(i, 1000L + first + i);
                }
                final int length = AnnounceFrame.length(count);

                assertTrue(length <= geometry.frameLimit(), packetSize + "/" + trailer + " page " + page);
                final AnnounceFrame read = new AnnounceFrame();
                read.wrap(buffer);
                assertTrue(read.isComplete(length));
                assertEquals(roster, read.rosterSize());
                for (int i = 0; i < read.entryCount(); i++)
                {
                    heard[read.firstId() + i] = read.nonce(i);
                }
            }
            for (int id = 0; id < roster; id++)
            {
                assertEquals(1000L + id, heard[id], packetSize + "/" + trailer + ": receiver " + id);
            }
        }
        assertEquals(1024, new SessionGeometry(576, 44).maxRoster(), "the roster limit at any packet size");
        assertEquals(6, new SessionGeometry(1472, 0).announcePages(1024), "pages of 180 at 1472-byte packets");
    }

    @Test
    void shouldRejectAPageBeyondTheRosterItNames()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1472);
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(buffer).writeHeader(FrameType.ANNOUNCE, SESSION);
        frame.write(Phase.INIT, 1472, 0, 10, 10, 8, 3);

        assertFalse(frame.isComplete(AnnounceFrame.length(3)), "ids 8..10 of a roster of 10");
        frame.write(Phase.INIT, 1472, 0, 10, 11, 8, 3);
        assertTrue(frame.isComplete(AnnounceFrame.length(3)));
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealed(BufferKind.HEAP), LENGTH, FrameType.ANNOUNCE);
    }
}
