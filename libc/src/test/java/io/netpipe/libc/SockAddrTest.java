package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SockAddrTest
{
    @Test
    void shouldWriteIpv4WithPortInNetworkOrder()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment sa = SockAddr.encode(arena, new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 0x1234));

            assertEquals(16, sa.byteSize());
            assertEquals("020012347f000002", hex(sa, 8));
        }
    }

    @Test
    void shouldRoundTripIpv6()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final InetSocketAddress address = new InetSocketAddress(InetAddress.ofLiteral("::1"), 65535);
            final MemorySegment storage = arena.allocate(SockAddr.STORAGE_BYTES);
            final MemorySegment sa = SockAddr.encode(arena, address);
            storage.copyFrom(sa);

            assertEquals(28, sa.byteSize());
            assertEquals(address, SockAddr.decode(storage));
        }
    }

    private static String hex(final MemorySegment sa, final int bytes)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes; i++)
        {
            out.append(String.format("%02x", sa.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i)));
        }
        return out.toString();
    }
}
