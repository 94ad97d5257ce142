package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * Joins the multicast groups a receiver listens on (the rendezvous group announcements come on, the group a session
 * announces), on the receiver's socket, and renews the memberships.
 */
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
     * Leaves and joins again every group joined, so the host reports its memberships anew. A switch that snoops IGMP
     * forwards a group only to ports it has heard a report from, and a report can be lost or, under IGMPv2,
     * suppressed by another member's report (a Linux bridge forwards reports to the group's members, so of 16 hosts
     * joining at once about half stay unregistered, and deaf once the bridge's querier is up); without a new report
     * the port stays deaf until the next general query, two minutes later, whose answers are suppressed the same way.
     * Every group, because a silent session does not say which one the switch forgot: the rendezvous group its
     * announcements come on, or its own.
     *
     * @throws IOException when a join fails; the receiver tries again later.
     */
    default void renew() throws IOException
    {
    }
}
