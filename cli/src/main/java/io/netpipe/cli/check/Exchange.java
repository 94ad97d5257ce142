package io.netpipe.cli.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Runs a {@link Party} over a bound datagram channel until it is done: the only place the exchange touches sockets. */
public final class Exchange
{
    /** Datagrams read per wake-up at most, so a flood on the port cannot keep the loop from its deadline. */
    private static final int MAX_READS_PER_WAKE = 64;
    /** The longest sleep, so the deadline is checked often even on a silent port. */
    private static final long MAX_SLEEP_MS = 50;

    private Exchange()
    {
    }

    /**
     * @param channel a bound channel (it is made non-blocking).
     * @param party   the side to play.
     * @param clock   nanoseconds, monotonic.
     * @return the party's findings.
     * @throws IOException if the channel fails (not a failed send: that is a finding).
     */
    public static List<Finding> run(final DatagramChannel channel, final Party party, final LongSupplier clock)
        throws IOException
    {
        channel.configureBlocking(false);
        final ByteBuffer buf = ByteBuffer.allocate(2048);
        try (Selector selector = Selector.open())
        {
            channel.register(selector, SelectionKey.OP_READ);
            long now = clock.getAsLong();
            while (!party.done(now))
            {
                sendAll(channel, party, party.poll(now));
                final long sleepMs = Math.clamp(TimeUnit.NANOSECONDS.toMillis(party.nextWakeNs() - now), 1, MAX_SLEEP_MS);
                selector.select(sleepMs);
                selector.selectedKeys().clear();
                now = clock.getAsLong();
                for (int i = 0; i < MAX_READS_PER_WAKE && !party.done(now); i++)
                {
                    buf.clear();
                    final SocketAddress from = channel.receive(buf);
                    if (!(from instanceof InetSocketAddress sender))
                    {
                        break;
                    }
                    buf.flip();
                    final CheckFrame frame = CheckFrame.decode(buf);
                    if (null != frame)
                    {
                        sendAll(channel, party, party.onFrame(frame, sender, now));
                    }
                }
            }
        }
        return party.findings();
    }

    private static void sendAll(final DatagramChannel channel, final Party party, final List<Party.Outgoing> out)
    {
        for (final Party.Outgoing o : out)
        {
            try
            {
                channel.send(ByteBuffer.wrap(o.frame().encode()), o.to());
            }
            catch (final IOException ex)
            {
                party.sendFailed(o.to(), String.valueOf(ex.getMessage()));
            }
        }
    }
}
