package io.netpipe.protocol;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static io.netpipe.protocol.FrameHeader.CRC_OFFSET;
import static io.netpipe.protocol.FrameHeader.HEADER_LENGTH;
import static io.netpipe.protocol.FrameHeader.MAGIC;
import static io.netpipe.protocol.FrameHeader.MAGIC_OFFSET;
import static io.netpipe.protocol.FrameHeader.TYPE_OFFSET;
import static io.netpipe.protocol.FrameHeader.VERSION;
import static io.netpipe.protocol.FrameHeader.VERSION_OFFSET;

/**
 * The unkeyed sealing: a CRC-32 over the whole datagram, computed with its own field counted as zero. It catches
 * corruption, not forgery: anyone who sees a frame can forge one.
 */
final class CrcSealing implements SessionSealing
{
    static final CrcSealing INSTANCE = new CrcSealing();

    private CrcSealing()
    {
    }

    @Override
    public int trailerLength()
    {
        return 0;
    }

    @Override
    public FrameSealer newSealer()
    {
        return new Codec();
    }

    @Override
    public FrameVerifier newVerifier()
    {
        return new Codec();
    }

    /** One thread's sealer and verifier; holds the reusable CRC state. */
    static final class Codec implements FrameSealer, FrameVerifier
    {
        private final CRC32 crc = new CRC32();

        @Override
        public int trailerLength()
        {
            return 0;
        }

        @Override
        public int seal(final ByteBuffer buffer, final int offset, final int length)
        {
            buffer.putInt(offset + CRC_OFFSET, 0);
            buffer.putInt(offset + CRC_OFFSET, compute(buffer, offset, length));
            buffer.limit(offset + length).position(offset);
            return length;
        }

        @Override
        public FrameType verify(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length < HEADER_LENGTH || buffer.getShort(offset + MAGIC_OFFSET) != MAGIC ||
                (buffer.get(offset + VERSION_OFFSET) & 0xFF) != VERSION)
            {
                return null;
            }
            final FrameType type = FrameType.get(buffer.get(offset + TYPE_OFFSET) & 0xFF);
            if (null == type || buffer.getInt(offset + CRC_OFFSET) != compute(buffer, offset, length))
            {
                return null;
            }
            return type;
        }

        /** The CRC over {@code [offset, offset + length)} with the CRC field as zero; the buffer is left as found. */
        private int compute(final ByteBuffer buffer, final int offset, final int length)
        {
            final int savedCrc = buffer.getInt(offset + CRC_OFFSET);
            final int position = buffer.position();
            final int limit = buffer.limit();
            buffer.putInt(offset + CRC_OFFSET, 0);
            crc.reset();
            buffer.limit(offset + length).position(offset);
            crc.update(buffer);
            buffer.limit(limit).position(position);
            buffer.putInt(offset + CRC_OFFSET, savedCrc);
            return (int)crc.getValue();
        }
    }
}
