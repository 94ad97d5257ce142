package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByeFrameTest
{
    private static final int SESSION = 99;
    private final CRC32 crc = new CRC32();

    private static int write(final ByeFrame frame, final int reason, final int receiverId, final String text)
    {
        final int length = frame.write(reason, receiverId, receiverId, 1, text, 576);
        frame.token(0, 0x7E57_0000 + receiverId);
        return length;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void shouldRoundTripReasonReceiverTokenAndText(final BufferKind kind)
    {
        final ByteBuffer buffer = kind.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = write(frame, ByeFrame.REASON_DROPPED, 17, "dropped: silent for 5 s — ü");
        Frames.seal(buffer, length, crc);

        assertEquals(FrameType.BYE, Frames.verify(buffer, length, crc));
        final ByeFrame read = new ByeFrame();
        read.wrap(buffer);
        assertTrue(read.isComplete(length));
        assertEquals(ByeFrame.REASON_DROPPED, read.reason());
        assertEquals(17, read.receiverId());
        assertEquals(0x7E57_0000 + 17, read.tokenFor(17));
        assertEquals(0, read.tokenFor(16), "no token for a receiver the BYE does not carry");
        assertEquals(0, read.tokenFor(18));
        assertEquals("dropped: silent for 5 s — ü", read.text());
    }

    @Test
    void shouldCarryOneTokenPerReceiverForAll()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = frame.write(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, 0, 3, "complete", 576);
        frame.token(0, 100).token(1, 101).token(2, 102);
        Frames.seal(buffer, length, crc);

        assertEquals(ByeFrame.TOKENS_OFFSET + 3 * ByeFrame.TOKEN_LENGTH + "complete".length(), length);
        final ByeFrame read = new ByeFrame();
        read.wrap(buffer);
        assertTrue(read.isComplete(length));
        assertEquals(ByeFrame.ALL_RECEIVERS, read.receiverId());
        assertEquals(101, read.tokenFor(1));
        assertEquals(102, read.tokenFor(2));
        assertEquals(0, read.tokenFor(3));
        assertEquals(0, read.tokenFor(-1));
        assertEquals("complete", read.text());
    }

    @ParameterizedTest
    @ValueSource(ints = {576, 1472, 9000})
    void shouldCarryTheLargestRosterInPagesThatFitKeyedOrNot(final int packetSize)
    {
        for (final int trailer : new int[] {0, 44})
        {
            final SessionGeometry geometry = new SessionGeometry(packetSize, trailer);
            final int roster = geometry.maxRoster();
            final int perPage = geometry.byePageTokens();
            final int[] heard = new int[roster];
            final String text = "y".repeat(1000);
            for (int page = 0; page < geometry.byePages(roster); page++)
            {
                final int first = page * perPage;
                final int count = Math.min(perPage, roster - first);
                final ByteBuffer buffer = ByteBuffer.allocate(packetSize);
                final ByeFrame frame = new ByeFrame();
                frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
                final int length = frame.write(ByeFrame.REASON_COMPLETE, ByeFrame.ALL_RECEIVERS, first, count, text,
                    geometry.frameLimit());
                for (int i = 0; i < count; i++)
                {
                    frame.token(i, 5000 + first + i);
                }

                assertTrue(length <= geometry.frameLimit(), packetSize + "/" + trailer + ": " + length);
                assertTrue(frame.isComplete(length));
                assertEquals(ByeFrame.MAX_TEXT_LENGTH, frame.text().length(), "every page carries the whole text");
                assertFalse(frame.covers(first + count), "the next page's first id");
                for (int id = first; id < first + count; id++)
                {
                    assertTrue(frame.covers(id));
                    heard[id] = frame.tokenFor(id);
                }
            }
            for (int id = 0; id < roster; id++)
            {
                assertEquals(5000 + id, heard[id], packetSize + "/" + trailer + ": receiver " + id);
            }
        }
        assertEquals(4, new SessionGeometry(1472, 0).byePages(1024), "pages of 299 tokens at 1472-byte packets");
    }

    @Test
    void shouldRefuseMoreTokensThanTheFrameHolds()
    {
        final ByeFrame frame = new ByeFrame();
        frame.wrap(ByteBuffer.allocate(576)).writeHeader(FrameType.BYE, SESSION);

        assertThrows(IllegalArgumentException.class, () -> frame.write(ByeFrame.REASON_COMPLETE,
            ByeFrame.ALL_RECEIVERS, 0, ByeFrame.maxTokens(576) + 1, "", 576));
    }

    @Test
    void shouldTruncateLongTextToMaxLength()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = write(frame, ByeFrame.REASON_ABORTED, 0, "x".repeat(1000));

        assertEquals(ByeFrame.TOKENS_OFFSET + ByeFrame.TOKEN_LENGTH + ByeFrame.MAX_TEXT_LENGTH, length);
        assertEquals("x".repeat(ByeFrame.MAX_TEXT_LENGTH), frame.text());
    }

    @Test
    void shouldRejectTokensOrTextLongerThanDatagram()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = write(frame, ByeFrame.REASON_ABORTED, 0, "input failed");
        Frames.seal(buffer, length - 1, crc);

        assertEquals(FrameType.BYE, Frames.verify(buffer, length - 1, crc));
        assertFalse(new ByeFrame().wrap(buffer).isComplete(length - 1));
        assertFalse(new ByeFrame().wrap(buffer).isComplete(ByeFrame.TOKENS_OFFSET - 1));
        buffer.putShort(ByeFrame.TOKEN_COUNT_OFFSET, (short)0xFFFF);
        assertFalse(new ByeFrame().wrap(buffer).isComplete(length), "a token count beyond the datagram");
    }

    @Test
    void shouldSplitASecretIntoTwoDistinctTokens()
    {
        final long secret = 0x1122_3344_5566_7788L;

        assertEquals(0x1122_3344, ByeFrame.completeToken(secret));
        assertEquals(0x5566_7788, ByeFrame.endedToken(secret));
        assertNotEquals(ByeFrame.completeToken(secret), ByeFrame.endedToken(secret));
        assertTrue(ByeFrame.isUsableSecret(secret));
        assertFalse(ByeFrame.isUsableSecret(0x1122_3344_0000_0000L), "an ended token of 0 reads as no token");
        assertFalse(ByeFrame.isUsableSecret(0x1122_3344_1122_3344L), "halves that cannot be told apart");
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(576);
        final ByeFrame frame = new ByeFrame();
        frame.wrap(buffer).writeHeader(FrameType.BYE, SESSION);
        final int length = write(frame, ByeFrame.REASON_ABORTED, 3, "bye");
        Frames.seal(buffer, length, crc);

        Frames.assertEveryBitFlipRejected(buffer, length, FrameType.BYE);
        assertNull(Frames.verify(buffer, length - 1, crc));
    }
}
