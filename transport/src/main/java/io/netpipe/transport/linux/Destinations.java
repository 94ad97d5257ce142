package io.netpipe.transport.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The destinations of queued datagrams as native {@code sockaddr_in}, each encoded once: a sender sends to one
 * group or a few receivers, so a small table found by identity, then by equality, allocates nothing in steady
 * state.
 */
final class Destinations
{
    /** {@code sizeof(struct sockaddr_in)}. */
    static final int SOCKADDR_BYTES = 16;

    private static final int SLOTS = 16;
    private static final short AF_INET = 2;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final InetSocketAddress[] addresses = new InetSocketAddress[SLOTS];
    private final MemorySegment table;
    private int count;

    Destinations(final Arena arena)
    {
        table = arena.allocate((long)SOCKADDR_BYTES * SLOTS, 8);
    }

    /** @return the slot of {@code to}, or -1 when it is not in the table. */
    int find(final InetSocketAddress to)
    {
        for (int i = 0; i < count; i++)
        {
            if (addresses[i] == to)
            {
                return i;
            }
        }
        for (int i = 0; i < count; i++)
        {
            if (addresses[i].equals(to))
            {
                return i;
            }
        }
        return -1;
    }

    /** @return whether {@link #add} needs a {@link #clear} first. */
    boolean full()
    {
        return count == SLOTS;
    }

    /**
     * Encodes {@code to} into the next slot.
     *
     * @return its slot.
     * @throws IOException when it is not a resolved IPv4 address.
     */
    int add(final InetSocketAddress to) throws IOException
    {
        if (!(to.getAddress() instanceof Inet4Address ip))
        {
            throw new IOException("the linux transport sends to IPv4 addresses only, not " + to);
        }
        final long at = (long)SOCKADDR_BYTES * count;
        table.asSlice(at, SOCKADDR_BYTES).fill((byte)0);
        table.set(ValueLayout.JAVA_SHORT, at, AF_INET);
        table.set(PORT, at + 2, (short)to.getPort());
        MemorySegment.copy(ip.getAddress(), 0, table, ValueLayout.JAVA_BYTE, at + 4, 4);
        addresses[count] = to;
        return count++;
    }

    /** @return the native address of slot {@code slot}'s {@code sockaddr_in}. */
    long address(final int slot)
    {
        return table.address() + (long)SOCKADDR_BYTES * slot;
    }

    /** Empties the table; only when nothing queued points into it. */
    void clear()
    {
        Arrays.fill(addresses, null);
        count = 0;
    }
}
