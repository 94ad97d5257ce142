package io.netpipe.cli.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The check's own tiny protocol, distinct from netpipe's frames (a running {@code netpipe recv} counts one as an
 * unknown magic and drops it). Big-endian:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                     magic 0x6E70636B "npck"                    |
 * +---------------+---------------+-------------------------------+
 * |  version (1)  |     type      |                               |
 * +---------------+---------------+     probe token (64 bits)     +
 * |                                                               |
 * +                               +-------------------------------+
 * |                               |                               |
 * +-------------------------------+    answer token (64 bits)     +
 * |                                                               |
 * +                               +---------------+---------------+
 * |                               | host length   | host (UTF-8, at most 64 bytes) ...
 * +-------------------------------+---------------+----------------
 * </pre>
 * The prober sends PROBE to the data port with a random probe token; a peer answers ANSWER to the prober's
 * feedback port with its own random answer token; the prober sends CONFIRM back to the peer's data port, so
 * each side knows both directions work.
 *
 * @param type        what it is.
 * @param probeToken  the prober's random token, in every frame.
 * @param answerToken the peer's random token (zero in a PROBE).
 * @param host        the sender's host name, as it claims (escape before printing).
 */
public record CheckFrame(Type type, long probeToken, long answerToken, String host)
{
    /** "npck". */
    public static final int MAGIC = 0x6E70636B;
    /** The only version. */
    public static final byte VERSION = 1;
    private static final int TYPE_OFFSET = 5;
    private static final int PROBE_TOKEN_OFFSET = 6;
    private static final int ANSWER_TOKEN_OFFSET = 14;
    private static final int HOST_LENGTH_OFFSET = 22;
    /** Bytes before the host name. */
    public static final int HEADER_LENGTH = 23;
    /** The longest host name carried. */
    public static final int MAX_HOST_BYTES = 64;
    /** The longest frame. */
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_HOST_BYTES;

    /** Frame types with their wire codes. */
    public enum Type
    {
        /** Prober to the data port (broadcast or group). */
        PROBE(1),
        /** Peer to the prober's feedback port. */
        ANSWER(2),
        /** Prober to the peer's data port. */
        CONFIRM(3);

        private final int code;

        Type(final int code)
        {
            this.code = code;
        }

        /** @return the wire code. */
        public int code()
        {
            return code;
        }

        static Type get(final int code)
        {
            for (final Type t : values())
            {
                if (t.code == code)
                {
                    return t;
                }
            }
            return null;
        }
    }

    /** @return the frame's bytes; a host name longer than {@link #MAX_HOST_BYTES} bytes is cut. */
    public byte[] encode()
    {
        byte[] name = (null == host ? "" : host).getBytes(StandardCharsets.UTF_8);
        name = Arrays.copyOf(name, Math.min(name.length, MAX_HOST_BYTES));
        final ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + name.length).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(0, MAGIC).put(4, VERSION).put(TYPE_OFFSET, (byte)type.code())
            .putLong(PROBE_TOKEN_OFFSET, probeToken).putLong(ANSWER_TOKEN_OFFSET, answerToken)
            .put(HOST_LENGTH_OFFSET, (byte)name.length).put(HEADER_LENGTH, name);
        return buf.array();
    }

    /**
     * @param buf a received datagram, position to limit.
     * @return the frame, or {@code null} when it is not a well-formed check frame (anything else on the port).
     */
    public static CheckFrame decode(final ByteBuffer buf)
    {
        final ByteBuffer b = buf.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < HEADER_LENGTH || b.getInt(0) != MAGIC || b.get(4) != VERSION)
        {
            return null;
        }
        final Type type = Type.get(b.get(TYPE_OFFSET) & 0xFF);
        final int hostLength = b.get(HOST_LENGTH_OFFSET) & 0xFF;
        if (null == type || hostLength > MAX_HOST_BYTES || b.remaining() != HEADER_LENGTH + hostLength)
        {
            return null;
        }
        final byte[] name = new byte[hostLength];
        b.get(HEADER_LENGTH, name);
        return new CheckFrame(type, b.getLong(PROBE_TOKEN_OFFSET), b.getLong(ANSWER_TOKEN_OFFSET),
            new String(name, StandardCharsets.UTF_8));
    }
}
