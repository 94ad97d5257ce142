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
        assertEquals(NONCES.length, frame.rosterCount());
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
    void shouldFitMaxRosterInPacket()
    {
        assertTrue(AnnounceFrame.length(AnnounceFrame.maxRoster(1472)) <= 1472);
        assertTrue(AnnounceFrame.length(AnnounceFrame.maxRoster(1472) + 1) > 1472);
    }

    @Test
    void shouldRejectAnyFlippedBit()
    {
        Frames.assertEveryBitFlipRejected(sealed(BufferKind.HEAP), LENGTH, FrameType.ANNOUNCE);
    }
}
