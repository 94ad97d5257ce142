package io.netpipe.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Looks up network interfaces and addresses named on the command line, with one-sentence errors. */
final class Interfaces
{
    /** Where receivers listen for announcements of multicast sessions, besides broadcast. */
    static final String RENDEZVOUS_GROUP = "239.255.90.90";

    private Interfaces()
    {
    }

    /**
     * @param name an interface name, or {@code null}.
     * @return the interface, or {@code null} when no name was given.
     */
    static NetworkInterface byName(final String name)
    {
        if (null == name)
        {
            return null;
        }
        try
        {
            final NetworkInterface nif = NetworkInterface.getByName(name);
            if (null == nif || !nif.isUp())
            {
                throw new NetpipeException(ExitCodes.USAGE, "no network interface '" + name + "' is up");
            }
            return nif;
        }
        catch (final SocketException ex)
        {
            throw new NetpipeException(ExitCodes.USAGE, "cannot look up interface '" + name + "': " + ex.getMessage());
        }
    }

    /**
     * @param text   an IPv4 address typed by the user.
     * @param option the option it came with, for the message.
     * @return the address.
     */
    static Inet4Address ipv4(final String text, final String option)
    {
        try
        {
            if (text.matches("[0-9.]+") && InetAddress.getByName(text) instanceof Inet4Address v4)
            {
                return v4;
            }
        }
        catch (final UnknownHostException ignore)
        {
            // fall through to the one message below
        }
        throw new NetpipeException(ExitCodes.USAGE, option + " '" + text + "' is not an IPv4 address");
    }

    /**
     * @param nif the interface, or {@code null} for the first one up with a broadcast address.
     * @return its IPv4 broadcast address.
     */
    static InetAddress broadcastOf(final NetworkInterface nif)
    {
        try
        {
            final List<NetworkInterface> candidates = null != nif ? List.of(nif) : NetworkInterface.networkInterfaces()
                .filter(Interfaces::isUsable).toList();
            for (final NetworkInterface candidate : candidates)
            {
                for (final InterfaceAddress address : candidate.getInterfaceAddresses())
                {
                    if (null != address.getBroadcast())
                    {
                        return address.getBroadcast();
                    }
                }
            }
        }
        catch (final SocketException ex)
        {
            throw new NetpipeException(ExitCodes.IO, "cannot list network interfaces: " + ex.getMessage());
        }
        throw new NetpipeException(ExitCodes.USAGE, (null == nif ? "no interface has" :
            "interface '" + nif.getName() + "' has no") + " IPv4 broadcast address; pass --dest");
    }

    /**
     * @param nif the interface, or {@code null} for every interface that is up and multicast-capable.
     * @return the interfaces on which to join groups.
     */
    static List<NetworkInterface> multicastCapable(final NetworkInterface nif)
    {
        if (null != nif)
        {
            return List.of(nif);
        }
        final List<NetworkInterface> result = new ArrayList<>();
        try
        {
            NetworkInterface.networkInterfaces().filter(Interfaces::isUsable).filter(n -> {
                try
                {
                    return n.supportsMulticast();
                }
                catch (final SocketException ex)
                {
                    return false;
                }
            }).forEach(result::add);
        }
        catch (final SocketException ex)
        {
            throw new NetpipeException(ExitCodes.IO, "cannot list network interfaces: " + ex.getMessage());
        }
        return result;
    }

    /**
     * @param port   the data port.
     * @param nif    the interface chosen, or {@code null} for all.
     * @param joinOn the interfaces groups are joined on.
     * @param groups the multicast groups joined.
     * @return what a receiver listens on, for the message when nothing is heard: "on UDP port 9000 of eth0
     *     (10.0.0.5), for broadcast and multicast group 239.255.90.90 (the sender's feedback port is 9001)".
     */
    static String listening(final int port, final NetworkInterface nif, final List<NetworkInterface> joinOn,
        final String groups)
    {
        final StringBuilder where = new StringBuilder();
        for (final NetworkInterface n : joinOn)
        {
            final String addresses = n.inetAddresses().filter(a -> a instanceof Inet4Address)
                .map(InetAddress::getHostAddress).collect(java.util.stream.Collectors.joining(", "));
            where.append(where.isEmpty() ? "" : ", ").append(n.getName())
                .append(addresses.isEmpty() ? " (no IPv4 address)" : " (" + addresses + ")");
        }
        return "on UDP port " + port + " of " + (null == nif ? "every interface" +
            (where.isEmpty() ? " (none up but loopback)" : ": " + where) : where.toString()) +
            ", for broadcast and multicast group " + groups + " (the sender's feedback port is " + (port + 1) + ")";
    }

    private static boolean isUsable(final NetworkInterface nif)
    {
        try
        {
            return nif.isUp() && !nif.isLoopback();
        }
        catch (final SocketException ex)
        {
            return false;
        }
    }

    /** @return this host's name, for the sender's messages. */
    static String hostName()
    {
        final String env = System.getenv("HOSTNAME");
        if (null != env && !env.isBlank())
        {
            return env;
        }
        try
        {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            return "";
        }
    }
}
