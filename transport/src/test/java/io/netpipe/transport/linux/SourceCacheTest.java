package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SourceCacheTest
{
    private final SourceCache cache = new SourceCache();

    @Test
    void shouldDecodeAddressAndPort()
    {
        assertEquals(new InetSocketAddress("10.1.2.250", 65_535), cache.get(0x0A0102FA, 65_535));
    }

    @Test
    void shouldReturnTheSameObjectForTheSamePeer()
    {
        assertSame(cache.get(0x7F000001, 4000), cache.get(0x7F000001, 4000));
    }

    @Test
    void shouldTellTheWildcardAddressApartFromAnEmptySlot()
    {
        assertEquals(new InetSocketAddress("0.0.0.0", 0), cache.get(0, 0));
    }
}
