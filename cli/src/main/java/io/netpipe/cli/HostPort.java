package io.netpipe.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A host (name, IPv4 or bracketed IPv6 literal; may be empty) and a TCP or UDP port.
 *
 * @param host the host, without brackets; empty when only a port was given.
 * @param port 0 to 65535.
 */
public record HostPort(String host, int port)
{
    /**
     * Parses {@code HOST:PORT}, {@code [V6]:PORT}, or a bare {@code PORT} when {@code hostOptional}.
     *
     * @param value        the text the user typed.
     * @param hostOptional whether a bare port is accepted (the host is then empty).
     * @return the parsed value.
     * @throws TypeConversionException with a readable message.
     */
    public static HostPort parse(final String value, final boolean hostOptional)
    {
        final int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        final String port = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        if ((host.isEmpty() && !hostOptional) || (colon >= 0 && host.isEmpty() && !value.startsWith(":")))
        {
            throw new TypeConversionException("'" + value + "' is not HOST:PORT");
        }
        return new HostPort(host, parsePort(port, value));
    }

    /**
     * @param port    the port text.
     * @param context the whole value, for the message.
     * @return the port number.
     */
    public static int parsePort(final String port, final String context)
    {
        try
        {
            final int p = Integer.parseInt(port);
            if (p >= 0 && p <= 65535)
            {
                return p;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // fall through to the one message below
        }
        throw new TypeConversionException("'" + context + "': port must be a number from 0 to 65535");
    }

    @Override
    public String toString()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
