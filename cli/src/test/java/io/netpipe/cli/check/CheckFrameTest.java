package io.netpipe.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The check's frames on byte arrays, and the escaping of what they carry. */
class CheckFrameTest
{
    @Test
    void shouldRoundTripEveryType()
    {
        for (final CheckFrame.Type type : CheckFrame.Type.values())
        {
            final CheckFrame frame = new CheckFrame(type, 0x0123456789ABCDEFL, -7L, "lab-pc-07");
            assertEquals(frame, CheckFrame.decode(ByteBuffer.wrap(frame.encode())));
        }
    }

    @Test
    void shouldPutMagicVersionAndTypeFirst()
    {
        final byte[] bytes = new CheckFrame(CheckFrame.Type.ANSWER, 1, 2, "").encode();
        assertEquals(CheckFrame.HEADER_LENGTH, bytes.length);
        assertEquals("npck", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, bytes[4]);
        assertEquals(2, bytes[5]);
    }

    @Test
    void shouldCutLongHostNames()
    {
        final CheckFrame frame = new CheckFrame(CheckFrame.Type.PROBE, 1, 0, "x".repeat(300));
        assertEquals(CheckFrame.MAX_LENGTH, frame.encode().length);
        assertEquals("x".repeat(CheckFrame.MAX_HOST_BYTES), CheckFrame.decode(ByteBuffer.wrap(frame.encode())).host());
    }

    @Test
    void shouldRejectEveryTruncationAndExtension()
    {
        final byte[] bytes = new CheckFrame(CheckFrame.Type.PROBE, 5, 0, "host").encode();
        for (int length = 0; length < bytes.length; length++)
        {
            assertNull(CheckFrame.decode(ByteBuffer.wrap(Arrays.copyOf(bytes, length))), "length " + length);
        }
        assertNull(CheckFrame.decode(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 1))));
    }

    @Test
    void shouldRejectForeignMagicVersionAndType()
    {
        final byte[] bytes = new CheckFrame(CheckFrame.Type.PROBE, 5, 0, "host").encode();
        for (final int offset : new int[] {0, 4, 5})
        {
            final byte[] bad = bytes.clone();
            bad[offset] = (byte)0x4E;
            assertNull(CheckFrame.decode(ByteBuffer.wrap(bad)), "offset " + offset);
        }
    }

    @Test
    void shouldEscapeTerminalControlsInText()
    {
        assertEquals("a\\x1b[2Jb\\x07\\x0a\\u009b\\\\", Escape.text("a\u001b[2Jb\u0007\n\u009b\\", 100));
        assertEquals("abc...", Escape.text("abcdef", 3));
        assertEquals("", Escape.text(null, 10));
    }
}
