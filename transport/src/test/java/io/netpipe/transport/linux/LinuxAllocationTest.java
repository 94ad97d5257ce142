package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import io.netpipe.transport.DatagramHandler;

/**
 * The send and receive loops allocate (next to) nothing once the JIT has compiled them: bursts of 64 datagrams go
 * round over loopback until a window of bursts allocates under a byte a datagram on this thread. The interpreter
 * and C1 allocate, so the first windows do; a loop that allocates per datagram never gets there.
 * It needs a JVM of its own: after the contract tests have run other handlers and buffers through the same code,
 * the JIT inlines less and a residue of ~10 bytes a datagram stays. Run it with
 * {@code mvn verify -pl libc,transport -Dtest=LinuxAllocationTest -Dnetpipe.allocationTest=true}.
 */
@Timeout(120)
@EnabledIfSystemProperty(named = "netpipe.allocationTest", matches = "true",
    disabledReason = "needs a JVM of its own: -Dtest=LinuxAllocationTest -Dnetpipe.allocationTest=true")
class LinuxAllocationTest
{
    private static final int BURST = 64;
    private static final int WINDOW = 500;

    private long bytes;

    @BeforeAll
    static void linuxTransportAvailable()
    {
        assumeTrue(null == LinuxUdpTransport.unavailableReason(), "the Linux transport cannot run here");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldReachASteadyStateThatAllocatesUnderAByteADatagram(final boolean gso) throws IOException
    {
        final LinuxOptions options = LinuxOptions.defaults().withGso(gso).withGro(gso);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (LinuxUdpTransport a = new LinuxUdpTransport(LinuxUdpTransportContractTest.options(0, false), options);
             LinuxUdpTransport b = new LinuxUdpTransport(LinuxUdpTransportContractTest.options(0, false), options))
        {
            final ByteBuffer[] frames = new ByteBuffer[BURST];
            for (int i = 0; i < BURST; i++)
            {
                frames[i] = ByteBuffer.allocateDirect(1400);
            }
            final InetSocketAddress to = b.localAddress();
            final DatagramHandler handler = (buffer, offset, length, from) -> bytes += length;
            double best = Double.MAX_VALUE;
            for (int window = 0; window < 60 && best >= 1.0; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int burst = 0; burst < WINDOW; burst++)
                {
                    roundTrip(a, b, frames, to, handler);
                }
                best = Math.min(best, (threads.getCurrentThreadAllocatedBytes() - before) / (double)(WINDOW * BURST));
            }
            assertTrue(best < 1.0, "bytes allocated a datagram in the best window: " + best);
        }
    }

    private static void roundTrip(final LinuxUdpTransport a, final LinuxUdpTransport b, final ByteBuffer[] frames,
        final InetSocketAddress to, final DatagramHandler handler) throws IOException
    {
        for (final ByteBuffer frame : frames)
        {
            a.send(frame, to);
        }
        a.flush();
        int received = 0;
        while (received < BURST)
        {
            final int n = b.receive(handler, BURST - received);
            if (0 == n)
            {
                b.awaitReceive(10_000_000L);
            }
            received += n;
        }
    }
}
