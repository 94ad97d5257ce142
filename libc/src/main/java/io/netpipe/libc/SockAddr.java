package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Writes and reads {@code struct sockaddr_in} and {@code sockaddr_in6}. The family is in host byte order, the
 * port in network byte order (big-endian), then the address bytes:
 * <pre>
 * sockaddr_in  (16 bytes): family u16 | port u16be | addr[4]  | zero[8]
 * sockaddr_in6 (28 bytes): family u16 | port u16be | flowinfo u32 | addr[16] | scope_id u32
 * </pre>
 */
public final class SockAddr
{
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** Large enough for either family: {@code sizeof(struct sockaddr_storage)}. */
    static final int STORAGE_BYTES = 128;

    private static final int SIN_BYTES = 16;
    private static final int SIN6_BYTES = 28;
    private static final int PORT_OFFSET = 2;
    private static final int SIN_ADDR_OFFSET = 4;
    private static final int SIN6_ADDR_OFFSET = 8;
    private static final int SIN6_SCOPE_OFFSET = 24;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr()
    {
    }

    /** @return {@link #AF_INET} or {@link #AF_INET6} for this address. */
    public static int familyOf(final InetSocketAddress address)
    {
        return address.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    /** @return a new native {@code sockaddr} for the address; its byte size is the segment's size. */
    public static MemorySegment encode(final Arena arena, final InetSocketAddress address)
    {
        final InetAddress ip = address.getAddress();
        final boolean v6 = ip instanceof Inet6Address;
        final MemorySegment sa = arena.allocate(v6 ? SIN6_BYTES : SIN_BYTES);
        sa.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short)(v6 ? AF_INET6 : AF_INET));
        sa.set(PORT, PORT_OFFSET, (short)address.getPort());
        final byte[] bytes = ip.getAddress();
        MemorySegment.copy(bytes, 0, sa, ValueLayout.JAVA_BYTE, v6 ? SIN6_ADDR_OFFSET : SIN_ADDR_OFFSET, bytes.length);
        if (v6)
        {
            sa.set(ValueLayout.JAVA_INT_UNALIGNED, SIN6_SCOPE_OFFSET, ((Inet6Address)ip).getScopeId());
        }
        return sa;
    }

    /** @return the address in a {@code sockaddr} filled in by the kernel. */
    public static InetSocketAddress decode(final MemorySegment sa)
    {
        final int family = sa.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
        final int port = Short.toUnsignedInt(sa.get(PORT, PORT_OFFSET));
        try
        {
            if (AF_INET6 == family)
            {
                final byte[] bytes = sa.asSlice(SIN6_ADDR_OFFSET, 16).toArray(ValueLayout.JAVA_BYTE);
                final int scope = sa.get(ValueLayout.JAVA_INT_UNALIGNED, SIN6_SCOPE_OFFSET);
                // getByAddress turns a v4-mapped address (a v4 peer of a dual-stack socket) into an Inet4Address.
                final InetAddress ip = 0 == scope ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, scope);
                return new InetSocketAddress(ip, port);
            }
            final byte[] bytes = sa.asSlice(SIN_ADDR_OFFSET, 4).toArray(ValueLayout.JAVA_BYTE);
            return new InetSocketAddress(Inet4Address.getByAddress(bytes), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("kernel returned a malformed address of family " + family, ex);
        }
    }
}
