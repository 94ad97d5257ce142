package io.netpipe.cli.check;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Findings that need a socket but send nothing: buffer limits, a multicast join, the route to the destination. */
public final class SocketChecks
{
    /** What send and recv ask for (their SOCKET_BUFFER_BYTES). */
    public static final int WANTED_BUFFER_BYTES = 4 << 20;

    private SocketChecks()
    {
    }

    /** @return the receive and send buffer findings: the sysctl limits and what a socket is really granted. */
    public static List<Finding> buffers()
    {
        final List<Finding> findings = new ArrayList<>();
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, WANTED_BUFFER_BYTES);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, WANTED_BUFFER_BYTES);
            findings.add(buffer("receive", "rmem_max", ch.getOption(StandardSocketOptions.SO_RCVBUF)));
            findings.add(buffer("send", "wmem_max", ch.getOption(StandardSocketOptions.SO_SNDBUF)));
        }
        catch (final IOException ex)
        {
            findings.add(Finding.fail("socket buffers: cannot open a UDP socket: " + Escape.text(ex.getMessage(), 200)));
        }
        return findings;
    }

    private static Finding buffer(final String which, final String sysctl, final int granted)
    {
        final String limit = sysctl("net.core." + sysctl);
        // Linux doubles the size asked for (half is bookkeeping), so a granted size below the request means capped.
        final String text = "socket buffers: " + which + " buffer of " + granted + " bytes granted for " +
            WANTED_BUFFER_BYTES + " asked (net.core." + sysctl + " = " + limit + ")";
        return granted >= WANTED_BUFFER_BYTES ? Finding.ok(text) : Finding.warning(text + "; raise it (sysctl -w net.core." +
            sysctl + "=" + WANTED_BUFFER_BYTES + ", not possible inside a network namespace) or expect losses at speed");
    }

    private static String sysctl(final String name)
    {
        // A line read, not Files.readString: that returned "4" for "4194304\n" here (JDK 25, kernel 6.18), as if
        // it trusted the zero size /proc reports.
        try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys", name.replace('.', '/'))))
        {
            final String line = r.readLine();
            return null == line ? "unreadable" : line.strip();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unreadable";
        }
    }

    /**
     * @param group      the group to join.
     * @param interfaces where to join it.
     * @param needed     whether the session needs it (a multicast destination) or only announcements use it.
     * @return one finding per interface.
     */
    public static List<Finding> multicast(final Inet4Address group, final List<NetworkInterface> interfaces,
        final boolean needed)
    {
        final List<Finding> findings = new ArrayList<>();
        if (interfaces.isEmpty())
        {
            findings.add(new Finding(needed ? Finding.Level.FAIL : Finding.Level.WARNING, "multicast: no interface that" +
                " is up supports multicast, so group " + group.getHostAddress() + " cannot be joined"));
        }
        for (final NetworkInterface nif : interfaces)
        {
            try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET))
            {
                ch.bind(new InetSocketAddress(0));
                ch.join(group, nif);
                findings.add(Finding.ok("multicast: joined group " + group.getHostAddress() + " on " + nif.getName()));
            }
            catch (final IOException | RuntimeException ex)
            {
                findings.add(new Finding(needed ? Finding.Level.FAIL : Finding.Level.WARNING, "multicast: cannot join " +
                    group.getHostAddress() + " on " + Escape.text(nif.getName(), 32) + ": " +
                    Escape.text(ex.getMessage(), 200) + (needed ? "" : " (broadcast sessions do not need it)")));
            }
        }
        return findings;
    }

    /**
     * Asks the kernel for the route without sending: connecting a UDP socket looks the route up.
     *
     * @param dest the destination.
     * @param nif  the interface multicast leaves by, or {@code null}.
     * @return the finding.
     */
    public static Finding route(final InetSocketAddress dest, final NetworkInterface nif)
    {
        final String to = dest.getAddress().getHostAddress();
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            if (null != nif)
            {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            }
            ch.connect(dest);
            final InetSocketAddress local = (InetSocketAddress)ch.getLocalAddress();
            return Finding.ok("route: datagrams to " + to + " leave from " + local.getAddress().getHostAddress());
        }
        catch (final IOException | RuntimeException ex)
        {
            return Finding.fail("route: cannot send to " + to + ": " + Escape.text(ex.getMessage(), 200) +
                (dest.getAddress().isMulticastAddress() && null == nif ? " (pass --interface, or add a route for" +
                " 224.0.0.0/4)" : ""));
        }
    }
}
