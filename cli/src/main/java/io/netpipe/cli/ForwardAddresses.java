package io.netpipe.cli;

import java.net.Inet6Address;
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

    /**
     * {@code HOST:PORT} of the backend. An address literal is used as it is; a name must resolve now (a typo is a
     * usage error), but stays a name: the relay resolves it again for each client and tries all its addresses.
     */
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
            final InetAddress literal = literal(hostPort.host());
            if (null != literal)
            {
                return new InetSocketAddress(literal, hostPort.port());
            }
            resolve(hostPort.host());
            return InetSocketAddress.createUnresolved(hostPort.host(), hostPort.port());
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

    private static InetAddress literal(final String host)
    {
        try
        {
            return InetAddress.ofLiteral(host);
        }
        catch (final IllegalArgumentException notALiteral)
        {
            return null;
        }
    }

    /**
     * @return {@code 127.0.0.1:6000}, {@code [::1]:6000} (IPv6 in the compressed form of RFC 5952), or
     *         {@code localhost:6000} for a name not resolved yet: no resolver output, no leading slash.
     */
    static String format(final InetSocketAddress address)
    {
        final InetAddress ip = address.getAddress();
        final String host = null == ip ? address.getHostString()
            : ip instanceof Inet6Address v6 ? compressed(v6) : ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * The JDK prints every IPv6 group ({@code 0:0:0:0:0:0:0:1}); RFC 5952 form replaces the longest run of two or
     * more zero groups (the first, on a tie) with {@code ::}, and keeps a scope ({@code %eth0}) as it is.
     */
    static String compressed(final Inet6Address address)
    {
        final byte[] bytes = address.getAddress();
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++)
        {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            int end = i;
            while (end < 8 && 0 == groups[end])
            {
                end++;
            }
            if (end - i > bestLength)
            {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(end, i + 1);
        }
        final StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && ':' != text.charAt(text.length() - 1))
            {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        final String full = address.getHostAddress();
        final int scope = full.indexOf('%');
        return scope < 0 ? text.toString() : text + full.substring(scope);
    }
}
