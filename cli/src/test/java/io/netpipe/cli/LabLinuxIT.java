package io.netpipe.cli;

/**
 * The lab scenarios with the Linux batch transport forced on both ends, multicast: the sender's {@code sendmmsg}
 * and every receiver's {@code recvmmsg}. {@code --transport auto} receives through NIO (see README, "Receiving
 * through recvmmsg"), so without this class no lab test would run a receiver over the batch transport.
 */
class LabLinuxIT extends LabScenarios
{
    @Override
    String prefix()
    {
        return "nplnx";
    }

    @Override
    String net()
    {
        return "10.213.11";
    }

    @Override
    String dest(final LabFixture lab)
    {
        return "239.213.11.7";
    }

    @Override
    String transport()
    {
        return "linux";
    }
}
