package io.netpipe.cli.check;

import java.net.InetSocketAddress;
import java.util.List;

/** One side of the check's datagram exchange, driven by {@link Exchange} with an injected clock and no threads. */
public interface Party
{
    /**
     * A frame to send.
     *
     * @param to    where.
     * @param frame what.
     */
    record Outgoing(InetSocketAddress to, CheckFrame frame)
    {
    }

    /**
     * @param nowNs the clock.
     * @return frames due now.
     */
    List<Outgoing> poll(long nowNs);

    /**
     * @param frame a well-formed check frame.
     * @param from  where it came from.
     * @param nowNs the clock.
     * @return frames to send in reply.
     */
    List<Outgoing> onFrame(CheckFrame frame, InetSocketAddress from, long nowNs);

    /**
     * @param to    where a send failed.
     * @param cause the error's message.
     */
    void sendFailed(InetSocketAddress to, String cause);

    /**
     * @param nowNs the clock.
     * @return whether the exchange is over.
     */
    boolean done(long nowNs);

    /** @return when {@link #poll} next has something to do, or the deadline. */
    long nextWakeNs();

    /** @return the findings, once {@link #done} is true. */
    List<Finding> findings();
}
