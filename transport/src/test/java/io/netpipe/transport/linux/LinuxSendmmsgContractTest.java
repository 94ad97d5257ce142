package io.netpipe.transport.linux;

/** The transport contract over the Linux transport with GSO and GRO off: plain sendmmsg and recvmmsg. */
class LinuxSendmmsgContractTest extends LinuxUdpTransportContractTest
{
    @Override
    LinuxOptions linuxOptions()
    {
        return LinuxOptions.defaults().withGso(false).withGro(false);
    }
}
