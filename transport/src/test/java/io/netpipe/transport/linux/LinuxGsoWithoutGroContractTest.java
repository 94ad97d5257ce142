package io.netpipe.transport.linux;

/** The transport contract with GSO on and GRO off: the kernel segments each GSO send again on receive. */
class LinuxGsoWithoutGroContractTest extends LinuxUdpTransportContractTest
{
    @Override
    LinuxOptions linuxOptions()
    {
        return LinuxOptions.defaults().withGro(false);
    }
}
