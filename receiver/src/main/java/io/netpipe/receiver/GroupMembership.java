package io.netpipe.receiver;

import java.io.IOException;
import java.net.Inet4Address;

/** Joins the multicast group a session announces, on the receiver's socket. */
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
}
