package io.netpipe.cli;

/**
 * The lab scenarios over the portable NIO transport (a system call per datagram), broadcast: the same outcomes as
 * over the Linux batch transport that the other lab tests run by default.
 */
class LabNioIT extends LabScenarios
{
    @Override
    String prefix()
    {
        return "npnio";
    }

    @Override
    String net()
    {
        return "10.213.10";
    }

    @Override
    String dest(final LabFixture lab)
    {
        return lab.broadcastAddress();
    }

    @Override
    String transport()
    {
        return "nio";
    }
}
