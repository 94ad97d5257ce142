package io.netpipe.cli.report;

import java.net.InetSocketAddress;

/** Helpers the two reports share. */
final class Reports
{
    private Reports()
    {
    }

    /**
     * @param address an address, or {@code null}.
     * @return "10.0.0.7:9001" (never a host name look-up), or {@code null}.
     */
    static String address(final InetSocketAddress address)
    {
        return null == address ? null : null == address.getAddress() ? address.getHostString() + ":" + address.getPort() :
            address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
