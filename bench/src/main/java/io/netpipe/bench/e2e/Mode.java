package io.netpipe.bench.e2e;

/** How the data reaches the receivers; both tools always run in the same mode. */
public enum Mode
{
    /** IP multicast to {@link #GROUP}: the bridge's IGMP snooping forwards it only to ports that joined. */
    MULTICAST,
    /** The lab subnet's broadcast address: every port gets every frame, the sender's own stack a looped-back copy. */
    BROADCAST;

    /** The data group used in multicast mode (administratively scoped, and only ever inside the lab). */
    public static final String GROUP = "239.213.7.1";
}
