package io.netpipe.sender;

import io.netpipe.transport.FakeTransport;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;

/** Decodes what the sender sent, checking every datagram is a valid frame. */
final class Sent
{
    private Sent()
    {
    }

    static FrameType type(final FakeTransport.Datagram datagram)
    {
        final FrameType type = SessionSealing.unkeyed().newVerifier().verify(datagram.buffer(), 0, datagram.bytes().length);
        assertNotNull(type, "the sender sent an invalid frame");
        return type;
    }

    static List<FakeTransport.Datagram> ofType(final List<FakeTransport.Datagram> sent, final FrameType type)
    {
        return sent.stream().filter(d -> type(d) == type).toList();
    }

    static List<Long> dataSequences(final List<FakeTransport.Datagram> sent)
    {
        return ofType(sent, FrameType.DATA).stream().map(d ->
        {
            final DataFrame frame = new DataFrame();
            frame.wrap(d.buffer());
            return frame.sequence();
        }).toList();
    }

    static AnnounceFrame announce(final FakeTransport.Datagram datagram)
    {
        final AnnounceFrame frame = new AnnounceFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    static ByeFrame bye(final FakeTransport.Datagram datagram)
    {
        final ByeFrame frame = new ByeFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    static EofFrame eof(final FakeTransport.Datagram datagram)
    {
        final EofFrame frame = new EofFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    static HeartbeatFrame heartbeat(final FakeTransport.Datagram datagram)
    {
        final HeartbeatFrame frame = new HeartbeatFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    static ByteBuffer payload(final FakeTransport.Datagram datagram)
    {
        return ByteBuffer.wrap(datagram.bytes(), DataFrame.PAYLOAD_OFFSET,
            datagram.bytes().length - DataFrame.PAYLOAD_OFFSET);
    }
}
