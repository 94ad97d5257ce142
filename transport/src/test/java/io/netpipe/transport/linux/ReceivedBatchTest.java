package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netpipe.libc.MultiMessage;
import io.netpipe.libc.SocketOptions;
import io.netpipe.libc.UdpSockets;
import io.netpipe.transport.DatagramHandler;

class ReceivedBatchTest
{
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 5000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 6000);

    private final ByteBuffer buffer = ByteBuffer.allocate(1000);
    private final ReceivedBatch batch = new ReceivedBatch(8);
    private final List<String> seen = new ArrayList<>();
    private final DatagramHandler handler = (buf, offset, length, from) ->
    {
        assertSame(buffer, buf, "in place, in the transport's buffer");
        seen.add(offset + ":" + length + (from == A ? "a" : "b"));
    };

    @Test
    void shouldSplitACoalescedMessageAtItsSegmentSizeWithAShorterLast() throws IOException
    {
        batch.reset(1);
        batch.set(0, 100, 250, 100, A);

        assertEquals(3, batch.drain(buffer, handler, 64));

        assertEquals(List.of("100:100a", "200:100a", "300:50a"), seen);
        assertFalse(batch.hasMore());
    }

    @Test
    void shouldHandAnUncoalescedMessageOverWhole() throws IOException
    {
        batch.reset(2);
        batch.set(0, 0, 300, 0, A);
        batch.set(1, 400, 80, 80, B); // a segment size equal to the length: one datagram

        assertEquals(2, batch.drain(buffer, handler, 64));

        assertEquals(List.of("0:300a", "400:80b"), seen);
    }

    @Test
    void shouldStopAtTheLimitInsideAMessageAndResumeThere() throws IOException
    {
        batch.reset(2);
        batch.set(0, 0, 400, 100, A);
        batch.set(1, 500, 10, 0, B);

        assertEquals(3, batch.drain(buffer, handler, 3));
        assertTrue(batch.hasMore());
        assertEquals(2, batch.drain(buffer, handler, 3));

        assertEquals(List.of("0:100a", "100:100a", "200:100a", "300:100a", "500:10b"), seen);
        assertFalse(batch.hasMore());
    }

    @Test
    void shouldSkipATruncatedMessage() throws IOException
    {
        batch.reset(3);
        batch.set(0, 0, 10, 0, A);
        batch.set(1, 100, -1, 0, A);
        batch.set(2, 200, 20, 0, B);

        assertEquals(2, batch.drain(buffer, handler, 64));

        assertEquals(List.of("0:10a", "200:20b"), seen);
    }

    @Test
    void shouldHandOverAnEmptyDatagram() throws IOException
    {
        batch.reset(1);
        batch.set(0, 0, 0, 0, A);

        assertEquals(1, batch.drain(buffer, handler, 64));

        assertEquals(List.of("0:0a"), seen);
    }

    @Test
    void shouldFindTheGroSegmentSizeAfterAnotherCmsg()
    {
        final ByteBuffer control = ByteBuffer.allocateDirect(128).order(ByteOrder.nativeOrder());
        final int second = 24; // a first cmsg of 20 bytes (CMSG_LEN(4)) takes CMSG_SPACE(4) = 24
        control.putLong(0, 20);
        control.putInt(MultiMessage.CMSG_LEVEL, SocketOptions.SOL_SOCKET);
        control.putInt(MultiMessage.CMSG_TYPE, 29);
        control.putLong(second, 20);
        control.putInt(second + MultiMessage.CMSG_LEVEL, SocketOptions.SOL_UDP);
        control.putInt(second + MultiMessage.CMSG_TYPE, UdpSockets.UDP_GRO);
        control.putInt(second + MultiMessage.CMSG_HEADER_BYTES, 1400);

        assertEquals(1400, MmsgReceiver.groSegment(control, 0, 48));
        assertEquals(0, MmsgReceiver.groSegment(control, 0, 24), "the GRO cmsg lies beyond what the kernel wrote");
        assertEquals(0, MmsgReceiver.groSegment(control, 0, 0));
    }
}
