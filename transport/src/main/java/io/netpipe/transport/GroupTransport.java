package io.netpipe.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;

/**
 * A {@link DatagramTransport} over a real socket, which can join IPv4 multicast groups and renew its membership:
 * what the {@code send} and {@code recv} commands open, whichever implementation runs.
 */
public interface GroupTransport extends DatagramTransport
{
    /**
     * Joins a multicast group on an interface.
     *
     * @param group the IPv4 group.
     * @param nif   the interface.
     * @throws IOException when the join fails.
     */
    void join(Inet4Address group, NetworkInterface nif) throws IOException;

    /**
     * Leaves a group and joins it again on the same interfaces, so the kernel sends fresh IGMP reports for it.
     *
     * @param group the IPv4 group, joined before with {@link #join}.
     * @throws IOException when a join fails.
     */
    void rejoin(Inet4Address group) throws IOException;
}
