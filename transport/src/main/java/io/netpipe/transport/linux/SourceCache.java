package io.netpipe.transport.linux;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Source addresses of received datagrams, so the steady state allocates none: a datagram from a peer seen before
 * gets the same {@link InetSocketAddress}. Direct-mapped by IPv4 address and port; a collision just replaces the
 * older entry (a group has a handful of peers, a sender has its receivers).
 */
final class SourceCache
{
    private static final int SLOTS = 256;

    private final long[] keys = new long[SLOTS];
    private final InetSocketAddress[] values = new InetSocketAddress[SLOTS];

    /**
     * @param ip   the IPv4 address as an int, most significant byte first (network order read big-endian).
     * @param port the port.
     * @return the address, made once per (ip, port) as long as it stays in the table.
     */
    InetSocketAddress get(final int ip, final int port)
    {
        // The key keeps a tag bit so the all-zero slot never matches 0.0.0.0:0 by accident.
        final long key = (1L << 48) | ((ip & 0xFFFF_FFFFL) << 16) | port;
        final int slot = (int)((ip * 0x9E37_79B9 + port * 0x85EB_CA6B) >>> 24) & (SLOTS - 1);
        if (keys[slot] == key)
        {
            return values[slot];
        }
        final InetSocketAddress address = new InetSocketAddress(toAddress(ip), port);
        keys[slot] = key;
        values[slot] = address;
        return address;
    }

    private static InetAddress toAddress(final int ip)
    {
        try
        {
            return InetAddress.getByAddress(new byte[] {(byte)(ip >>> 24), (byte)(ip >>> 16), (byte)(ip >>> 8), (byte)ip});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }
}
