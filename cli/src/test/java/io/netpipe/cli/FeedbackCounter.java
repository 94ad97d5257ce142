package io.netpipe.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.StatusFrame;
import io.netpipe.transport.DatagramHandler;
import io.netpipe.transport.DatagramTransport;

/**
 * A receiver's transport that counts what the receiver sends, by kind, so a simulation can say where the feedback
 * goes: JOINs, STATUS before the transfer started (init confirmations), STATUS that ask for losses, STATUS without
 * (position, credit, signs of life) and DONE.
 */
final class FeedbackCounter implements DatagramTransport
{
    /** The counts, shared by every receiver of a run. */
    static final class Counts
    {
        long joins;
        long initStatus;
        long naks;
        long plain;
        long done;

        long total()
        {
            return joins + initStatus + naks + plain + done;
        }

        @Override
        public String toString()
        {
            return "joins " + joins + ", init " + initStatus + ", with losses " + naks + ", without " + plain +
                ", done " + done;
        }
    }

    private final DatagramTransport inner;
    private final Counts counts;
    private final BooleanSupplier transferring;

    FeedbackCounter(final DatagramTransport inner, final Counts counts, final BooleanSupplier transferring)
    {
        this.inner = inner;
        this.counts = counts;
        this.transferring = transferring;
    }

    @Override
    public boolean send(final ByteBuffer datagram, final InetSocketAddress to) throws IOException
    {
        final int at = datagram.position();
        final int type = datagram.get(at + FrameHeader.TYPE_OFFSET) & 0xFF;
        if (type == FrameType.JOIN.code())
        {
            counts.joins++;
        }
        else if (type == FrameType.STATUS.code())
        {
            final int flags = datagram.get(at + StatusFrame.FLAGS_OFFSET);
            if ((flags & StatusFrame.FLAG_DONE) != 0)
            {
                counts.done++;
            }
            else if (!transferring.getAsBoolean())
            {
                counts.initStatus++;
            }
            else if (datagram.get(at + StatusFrame.RANGE_COUNT_OFFSET) != 0)
            {
                counts.naks++;
            }
            else
            {
                counts.plain++;
            }
        }
        return inner.send(datagram, to);
    }

    @Override
    public void flush() throws IOException
    {
        inner.flush();
    }

    @Override
    public int receive(final DatagramHandler handler, final int limit) throws IOException
    {
        return inner.receive(handler, limit);
    }

    @Override
    public void awaitReceive(final long timeoutNs) throws IOException
    {
        inner.awaitReceive(timeoutNs);
    }

    @Override
    public void close() throws IOException
    {
        inner.close();
    }
}
