package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.crypto.spec.SecretKeySpec;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;

/**
 * Seals one thread's frames of a keyed session (see {@link KeyedSealing} for the layout): a random sealer id and a
 * counter that only grows make every nonce unique under the session's key.
 */
final class KeyedSealer implements FrameSealer
{
    private final GcmFrames gcm = new GcmFrames();
    private final SessionKeys keys;
    private final SecretKeySpec key;
    private final int sealerId;
    private long counter;

    KeyedSealer(final SessionKeys keys, final SecretKeySpec key, final int sealerId, final long firstCounter)
    {
        this.keys = keys;
        this.key = key;
        this.sealerId = sealerId;
        this.counter = firstCounter;
    }

    @Override
    public int trailerLength()
    {
        return KeyedSealing.TRAILER_LENGTH;
    }

    @Override
    public int seal(final ByteBuffer buffer, final int offset, final int length)
    {
        final int bodyEnd = offset + length;
        if (length < FrameHeader.HEADER_LENGTH || offset < 0 || bodyEnd > buffer.capacity() - KeyedSealing.TRAILER_LENGTH)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes at " + offset + " does not fit " +
                buffer.capacity() + " with its trailer");
        }
        // Like the unkeyed sealer, work whatever the caller's limit: the trailer goes past the frame's end.
        buffer.order(ByteOrder.BIG_ENDIAN).limit(buffer.capacity());
        buffer.put(offset + FrameHeader.VERSION_OFFSET, (byte)KeyedSealing.KEYED_VERSION);
        buffer.putInt(offset + FrameHeader.CRC_OFFSET, 0);
        final long nonceCounter = counter++;
        gcm.encrypt(key, sealerId, nonceCounter, buffer, offset, bodyEnd);
        buffer.putLong(bodyEnd + KeyedSealing.SALT_OFFSET, keys.saltHigh);
        buffer.putLong(bodyEnd + KeyedSealing.SALT_OFFSET + 8, keys.saltLow);
        buffer.putInt(bodyEnd + KeyedSealing.SEALER_ID_OFFSET, sealerId);
        buffer.putLong(bodyEnd + KeyedSealing.COUNTER_OFFSET, nonceCounter);
        final int sealed = length + KeyedSealing.TRAILER_LENGTH;
        buffer.limit(offset + sealed).position(offset);
        return sealed;
    }
}
