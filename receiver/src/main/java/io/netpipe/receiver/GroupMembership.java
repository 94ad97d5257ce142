package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;

/** Joins the multicast group a session announces, on the receiver's socket, and renews the membership. */
@FunctionalInterface
public interface GroupMembership
{
    /** Membership for transports that need none (broadcast, in-memory). */
    GroupMembership NONE = group -> { };

    /**
     * @param group the announced IPv4 group.
     * @throws IOException when the join fails.
     */
    void join(Inet4Address group) throws IOException;

    /**
     * Leaves and joins the group again, so the host reports its membership anew. A switch that snoops IGMP
     * forwards the group only to ports it has heard a report from, and a report can be lost or, under IGMPv2,
     * suppressed by another member's report; without a new one the port stays deaf until the next general query,
     * two minutes later.
     *
     * @param group a group joined before.
     * @throws IOException when the join fails; the receiver tries again later.
     */
    default void renew(final Inet4Address group) throws IOException
    {
    }
}
