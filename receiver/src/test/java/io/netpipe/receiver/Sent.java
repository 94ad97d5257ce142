package io.netpipe.receiver;

import io.netpipe.transport.FakeTransport;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.StatusFrame;

/** Decodes what the receiver sent, checking every datagram is a valid frame. */
final class Sent
{
    private Sent()
    {
    }

    static FrameType type(final FakeTransport.Datagram datagram)
    {
        final FrameType type = SessionSealing.unkeyed().newVerifier().verify(datagram.buffer(), 0, datagram.bytes().length);
        assertNotNull(type, "the receiver sent an invalid frame");
        return type;
    }

    static List<FakeTransport.Datagram> ofType(final List<FakeTransport.Datagram> sent, final FrameType type)
    {
        return sent.stream().filter(d -> type(d) == type).toList();
    }

    static JoinFrame join(final FakeTransport.Datagram datagram)
    {
        final JoinFrame frame = new JoinFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    static StatusFrame status(final FakeTransport.Datagram datagram)
    {
        final StatusFrame frame = new StatusFrame();
        frame.wrap(datagram.buffer());
        return frame;
    }

    /** @return the missing ranges of a STATUS as "start+length". */
    static List<String> ranges(final StatusFrame status)
    {
        final List<String> ranges = new ArrayList<>();
        for (int i = 0; i < status.rangeCount(); i++)
        {
            ranges.add(status.rangeStart(i) + "+" + status.rangeLength(i));
        }
        return ranges;
    }
}
