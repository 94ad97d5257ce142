package io.netpipe.cli;

/**
 * The lab's switch, for tests of what IGMP snooping does to receivers: its querier, and its multicast database
 * ({@code bench/lab.sh snoop}, {@code registered}, {@code forget}).
 */
final class LabSwitch
{
    private final LabFixture fixture;

    LabSwitch(final LabFixture fixture)
    {
        this.fixture = fixture;
    }

    /** Restarts the querier: one second later the switch forwards each group only to the ports registered for it. */
    void snoop()
    {
        fixture.lab("snoop");
    }

    /**
     * @param receiver a receiver's number.
     * @param group    a multicast group.
     * @return whether the switch has the receiver's port registered for the group.
     */
    boolean registered(final int receiver, final String group)
    {
        return fixture.script("registered", Integer.toString(receiver), group) == 0;
    }

    /**
     * Deletes the receiver's port from the group's entry, as when the switch never heard its report.
     *
     * @param receiver a receiver's number.
     * @param group    a multicast group.
     */
    void forget(final int receiver, final String group)
    {
        fixture.lab("forget", Integer.toString(receiver), group);
    }
}
