package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Assertions shared by the codec tests. */
final class Frames
{
    private Frames()
    {
    }

    /** Flips every bit of the sealed frame in turn: each flip must make {@code verify} reject it. */
    static void assertEveryBitFlipRejected(final ByteBuffer frame, final int length, final FrameType type)
    {
        final CRC32 crc = new CRC32();
        for (int bit = 0; bit < length * 8; bit++)
        {
            flip(frame, bit);
            final int flipped = bit;
            assertNull(Frames.verify(frame, length, crc), () -> "verify accepted a frame with bit " + flipped +
                " flipped");
            flip(frame, bit);
        }
        assertEquals(type, Frames.verify(frame, length, crc), "restored frame no longer verifies");
    }

    /** Seals with the unkeyed session's sealer, as the agents do; {@code crc} is unused (the sealer owns its state). */
    static int seal(final ByteBuffer frame, final int length, final CRC32 crc)
    {
        return SessionSealing.unkeyed().newSealer().seal(frame, 0, length);
    }

    /** Verifies with the unkeyed session's verifier; {@code crc} is unused. */
    static FrameType verify(final ByteBuffer frame, final int length, final CRC32 crc)
    {
        return SessionSealing.unkeyed().newVerifier().verify(frame, 0, length);
    }

    static void flip(final ByteBuffer frame, final int bit)
    {
        final int index = bit >>> 3;
        frame.put(index, (byte)(frame.get(index) ^ (1 << (bit & 7))));
    }
}
