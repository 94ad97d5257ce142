package io.netpipe.cli;

/** The lab scenarios with netpipe's default delivery: the subnet's broadcast address. */
class LabBroadcastIT extends LabScenarios
{
    @Override
    String prefix()
    {
        return "npbc";
    }

    @Override
    String net()
    {
        return "10.213.8";
    }

    @Override
    String dest(final LabFixture lab)
    {
        return lab.broadcastAddress();
    }
}
