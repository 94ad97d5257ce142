package io.netpipe.protocol.crypto;

import java.util.Arrays;

/**
 * The counters a verifier has accepted, per session slot and sealer: a sliding bitmap of the last
 * {@link #WINDOW} counters below the highest seen. A counter seen before, or older than the window, is a replay.
 * <p>
 * A fixed table, 4-way set-associative by sealer id: only frames that passed their tag get an entry, so only
 * holders of the key can fill it, and a sealer evicted from a full set (the least recently used) only loses its
 * replay history, never an honest frame.
 */
final class ReplayWindows
{
    /** Counters tracked below the highest: reordering within one sealer's frames is far smaller. */
    static final int WINDOW = 1024;
    private static final int WORDS = WINDOW / 64;
    private static final int SETS = 64;
    private static final int WAYS = 4;
    private static final int ENTRIES = SETS * WAYS;

    private final int[] slots = new int[ENTRIES];
    private final int[] sealers = new int[ENTRIES];
    private final long[] tops = new long[ENTRIES];
    private final long[] lastUse = new long[ENTRIES];
    private final long[] bits = new long[ENTRIES * WORDS];
    private long tick;

    ReplayWindows()
    {
        Arrays.fill(slots, -1);
    }

    /**
     * @return whether {@code counter} from that sealer has not been accepted before and is not too old to tell.
     */
    boolean isFresh(final int slot, final int sealerId, final long counter)
    {
        if (counter < 0)
        {
            return false;
        }
        final int entry = find(slot, sealerId);
        if (entry < 0 || counter > tops[entry])
        {
            return true;
        }
        return tops[entry] - counter < WINDOW && !isSet(entry, counter);
    }

    /** Records an accepted counter; call only after its frame's tag matched. */
    void accept(final int slot, final int sealerId, final long counter)
    {
        int entry = find(slot, sealerId);
        if (entry < 0)
        {
            entry = claim(slot, sealerId, counter);
        }
        else if (counter > tops[entry])
        {
            advance(entry, counter);
        }
        bits[entry * WORDS + (int)((counter >>> 6) & (WORDS - 1))] |= 1L << counter;
        lastUse[entry] = ++tick;
    }

    /** Forgets every sealer of a session slot that is being reused for another session. */
    void forget(final int slot)
    {
        for (int entry = 0; entry < ENTRIES; entry++)
        {
            if (slots[entry] == slot)
            {
                slots[entry] = -1;
            }
        }
    }

    private int find(final int slot, final int sealerId)
    {
        final int first = set(sealerId) * WAYS;
        for (int entry = first; entry < first + WAYS; entry++)
        {
            if (slots[entry] == slot && sealers[entry] == sealerId)
            {
                return entry;
            }
        }
        return -1;
    }

    private int claim(final int slot, final int sealerId, final long counter)
    {
        final int first = set(sealerId) * WAYS;
        int victim = first;
        for (int entry = first; entry < first + WAYS; entry++)
        {
            if (slots[entry] < 0)
            {
                victim = entry;
                break;
            }
            if (lastUse[entry] < lastUse[victim])
            {
                victim = entry;
            }
        }
        slots[victim] = slot;
        sealers[victim] = sealerId;
        tops[victim] = counter;
        Arrays.fill(bits, victim * WORDS, victim * WORDS + WORDS, 0L);
        return victim;
    }

    /** Moves the window's top up to {@code counter}, clearing the bits of the counters it passes. */
    private void advance(final int entry, final long counter)
    {
        final long distance = counter - tops[entry];
        if (distance >= WINDOW)
        {
            Arrays.fill(bits, entry * WORDS, entry * WORDS + WORDS, 0L);
        }
        else
        {
            for (long c = tops[entry] + 1; c <= counter; c++)
            {
                bits[entry * WORDS + (int)((c >>> 6) & (WORDS - 1))] &= ~(1L << c);
            }
        }
        tops[entry] = counter;
    }

    private boolean isSet(final int entry, final long counter)
    {
        return (bits[entry * WORDS + (int)((counter >>> 6) & (WORDS - 1))] & (1L << counter)) != 0;
    }

    private static int set(final int sealerId)
    {
        return (sealerId * 0x9E3779B9 >>> 26) & (SETS - 1);
    }
}
