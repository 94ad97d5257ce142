package io.netpipe.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The two addresses of {@code netpipe forward}, parsed and resolved while the command line is read. */
final class ForwardAddresses
{
    /** Where the relay listens when no BIND is given: loopback, so a relay is never exposed by accident. */
    static final InetAddress DEFAULT_BIND = InetAddress.ofLiteral("127.0.0.1");

    private ForwardAddresses()
    {
    }

    /** {@code [BIND:]PORT}: a bare port (or an empty BIND) listens on 127.0.0.1; port 0 picks a free port. */
    static final class Listen implements ITypeConverter<InetSocketAddress>
    {
        @Override
        public InetSocketAddress convert(final String value)
        {
            final HostPort hostPort = HostPort.parse(value, true);
            final InetAddress bind = hostPort.host().isEmpty() ? DEFAULT_BIND : resolve(hostPort.host());
            return new InetSocketAddress(bind, hostPort.port());
        }
    }

    /** {@code HOST:PORT} of the backend, resolved once at start. */
    static final class Backend implements ITypeConverter<InetSocketAddress>
    {
        @Override
        public InetSocketAddress convert(final String value)
        {
            final HostPort hostPort = HostPort.parse(value, false);
            if (0 == hostPort.port())
            {
                throw new TypeConversionException("'" + value + "': the backend port must be from 1 to 65535");
            }
            return new InetSocketAddress(resolve(hostPort.host()), hostPort.port());
        }
    }

    static InetAddress resolve(final String host)
    {
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new TypeConversionException("cannot resolve host '" + host + "'");
        }
    }

    /** @return {@code 127.0.0.1:6000} or {@code [::1]:6000}: no resolver output, no leading slash. */
    static String format(final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
