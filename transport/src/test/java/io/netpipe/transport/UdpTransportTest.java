package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpTransportTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void loopbackAvailable()
    {
        boolean ok;
        try (UdpTransport ignored = open(0, false))
        {
            ok = true;
        }
        catch (final IOException ex)
        {
            ok = false;
        }
        assumeTrue(ok, "cannot bind UDP on the loopback interface here");
    }

    private static UdpTransport open(final int port, final boolean reuse) throws IOException
    {
        return new UdpTransport(new UdpOptions(new InetSocketAddress(LOOPBACK, port), reuse, 1 << 16, 1 << 16, null, 1));
    }

    @Test
    void shouldReturnNullWhenNothingIsWaiting() throws IOException
    {
        try (UdpTransport transport = open(0, false))
        {
            final ByteBuffer into = ByteBuffer.allocate(64);

            assertNull(Receive.one(transport, into));
            assertEquals(0, into.limit());
        }
    }

    @Test
    void shouldCarryDatagramOverLoopback() throws IOException
    {
        try (UdpTransport a = open(0, false); UdpTransport b = open(0, false))
        {
            final ByteBuffer out = ByteBuffer.allocate(16).putLong(0, 0x0102030405060708L).limit(8);
            assertTrue(a.send(out, b.localAddress()));
            assertEquals(0, out.position());

            final ByteBuffer into = ByteBuffer.allocate(64);
            InetSocketAddress from;
            while (null == (from = Receive.one(b, into)))
            {
                b.awaitReceive(50_000_000L);
            }

            assertEquals(a.localAddress(), from);
            assertEquals(8, into.limit());
            assertEquals(0x0102030405060708L, into.getLong(0));
        }
    }

    @Test
    void shouldNamePortWhenBindFails() throws IOException
    {
        try (UdpTransport first = open(0, false))
        {
            final int port = first.localAddress().getPort();

            final BindException ex = assertThrows(BindException.class, () -> open(port, false).close());

            assertNotNull(ex.getMessage());
            assertTrue(ex.getMessage().contains("port " + port), ex.getMessage());
        }
    }
}
