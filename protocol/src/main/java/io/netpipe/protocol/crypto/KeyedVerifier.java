package io.netpipe.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.FrameVerifier;

/**
 * Verifies and decrypts, in place, the frames of a keyed session (see {@link KeyedSealing}). Bound to one session,
 * it takes only frames with that session's salt; a receiver awaiting a session takes the ANNOUNCE of any session
 * sealed with the key, remembers the keys of the last {@link #SESSIONS} sessions it verified, and takes their
 * other frames too. Keys are derived for an unknown salt only for an ANNOUNCE, and kept only once its tag matched,
 * so a flood of forged salts costs a derivation each but never evicts a real session. A datagram must lie below
 * the buffer's limit (one past it is dropped, not thrown on). Verifying decrypts the body in place, so a frame
 * verifies once; a frame that fails is left as it was. Not thread-safe.
 */
public final class KeyedVerifier implements FrameVerifier
{
    /** Sessions whose keys a verifier awaiting a session keeps. */
    public static final int SESSIONS = 4;

    private final GcmFrames gcm = new GcmFrames();
    private final ReplayWindows windows = new ReplayWindows();
    private final byte[] ikm;
    private final KeyedSealing.Side side;
    private final boolean takesNewSessions;
    private final SessionKeys[] sessions;
    private final long[] lastUse;
    private long tick;
    private long forged;
    private long replayed;

    KeyedVerifier(final byte[] ikm, final KeyedSealing.Side side, final SessionKeys session)
    {
        this.ikm = ikm;
        this.side = side;
        this.takesNewSessions = null == session;
        this.sessions = new SessionKeys[takesNewSessions ? SESSIONS : 1];
        this.lastUse = new long[sessions.length];
        sessions[0] = session;
    }

    @Override
    public int trailerLength()
    {
        return KeyedSealing.TRAILER_LENGTH;
    }

    /** @return frames dropped because their tag did not match, their salt was unknown, or their header was not a
     * keyed frame's: forged, corrupt, or sealed with another key. */
    public long forged()
    {
        return forged;
    }

    /** @return frames dropped because their counter was accepted before or is too old: replays. */
    public long replayed()
    {
        return replayed;
    }

    @Override
    public FrameType verify(final ByteBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < FrameHeader.HEADER_LENGTH + KeyedSealing.TRAILER_LENGTH ||
            offset > buffer.limit() - length)
        {
            forged++;
            return null;
        }
        buffer.order(ByteOrder.BIG_ENDIAN);
        final FrameType type = FrameType.get(buffer.get(offset + FrameHeader.TYPE_OFFSET) & 0xFF);
        if (buffer.getShort(offset + FrameHeader.MAGIC_OFFSET) != FrameHeader.MAGIC ||
            (buffer.get(offset + FrameHeader.VERSION_OFFSET) & 0xFF) != KeyedSealing.KEYED_VERSION ||
            null == type || side.sends(type))
        {
            forged++;
            return null;
        }
        final int bodyEnd = offset + length - KeyedSealing.TRAILER_LENGTH;
        final long saltHigh = buffer.getLong(bodyEnd + KeyedSealing.SALT_OFFSET);
        final long saltLow = buffer.getLong(bodyEnd + KeyedSealing.SALT_OFFSET + 8);
        final int sealerId = buffer.getInt(bodyEnd + KeyedSealing.SEALER_ID_OFFSET);
        final long counter = buffer.getLong(bodyEnd + KeyedSealing.COUNTER_OFFSET);
        int slot = find(saltHigh, saltLow);
        final SessionKeys keys;
        if (slot >= 0)
        {
            keys = sessions[slot];
        }
        else if (takesNewSessions && type == FrameType.ANNOUNCE)
        {
            keys = SessionKeys.derive(ikm, saltHigh, saltLow);
        }
        else
        {
            forged++;
            return null;
        }
        final boolean replayChecked = type != FrameType.DATA;
        if (replayChecked && slot >= 0 && !windows.isFresh(slot, sealerId, counter))
        {
            replayed++;
            return null;
        }
        if (!gcm.decrypt(keys.verifying(side), sealerId, counter, buffer, offset, bodyEnd))
        {
            forged++;
            return null;
        }
        if (slot < 0)
        {
            slot = install(keys);
        }
        lastUse[slot] = ++tick;
        if (replayChecked)
        {
            windows.accept(slot, sealerId, counter);
        }
        return type;
    }

    private int find(final long saltHigh, final long saltLow)
    {
        for (int slot = 0; slot < sessions.length; slot++)
        {
            if (null != sessions[slot] && sessions[slot].matches(saltHigh, saltLow))
            {
                return slot;
            }
        }
        return -1;
    }

    /** Keeps a newly verified session's keys in place of the least recently used session's. */
    private int install(final SessionKeys keys)
    {
        int victim = 0;
        for (int slot = 0; slot < sessions.length; slot++)
        {
            if (null == sessions[slot])
            {
                victim = slot;
                break;
            }
            if (lastUse[slot] < lastUse[victim])
            {
                victim = slot;
            }
        }
        windows.forget(victim);
        sessions[victim] = keys;
        return victim;
    }
}
