package io.netpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.netpipe.cli.check.Escape;
import io.netpipe.cli.check.Exchange;
import io.netpipe.cli.check.Finding;
import io.netpipe.cli.check.FirewallCheck;
import io.netpipe.cli.check.Party;
import io.netpipe.cli.check.Prober;
import io.netpipe.cli.check.Responder;
import io.netpipe.cli.check.SocketChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netpipe check}: what would break a transfer on this host, found before the class arrives. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Pre-flight check: the interface and its broadcast address, a multicast join, socket buffer limits, local",
        "nftables/iptables rules on UDP ports P and P+1, and a datagram exchange with 'netpipe check --peer' running",
        "on a second host. One line per finding (ok, warning, fail); exit 7 when something would fail.",
        "Example: netpipe check --peer (on a client), then netpipe check --peers 1 (on the master)"})
final class CheckCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--interface", paramLabel = "IF", description = "The interface to check (default: the first one up with a broadcast address).")
    String interfaceName;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9000",
        description = "Data port; feedback uses P+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dest", paramLabel = "ADDR",
        description = "Broadcast address or multicast group the exchange uses, as 'send --dest' (default: the broadcast address of the interface).")
    String dest;

    @Option(names = "--peer", description = "Answer a 'netpipe check' on another host instead of probing.")
    boolean peer;

    @Option(names = "--peers", paramLabel = "N", defaultValue = "0",
        description = "Fail unless N peers answer (default: ${DEFAULT-VALUE}, no answer is only a warning).")
    int peers;

    @Option(names = "--wait", paramLabel = "DUR", converter = DurationConverter.class,
        description = "How long the exchange lasts at most (default: 3s probing, 60s with --peer).")
    Duration wait;

    @Option(names = "--local", description = "Local findings only: send nothing.")
    boolean local;

    private final List<Finding> findings = new ArrayList<>();
    private PrintWriter out;

    @Override
    public Integer call() throws IOException
    {
        if (port < 1 || port > 65534)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--port must be from 1 to 65534 (feedback uses port + 1)");
        }
        if (peers < 0 || (peer && peers > 0))
        {
            throw new NetpipeException(ExitCodes.USAGE, "--peers must be 0 or more, and is for the probing side only");
        }
        if (null != wait && (wait.isNegative() || wait.isZero()))
        {
            throw new NetpipeException(ExitCodes.USAGE, "--wait must be longer than zero");
        }
        final Inet4Address destArg = null == dest ? null : Interfaces.ipv4(dest, "--dest");
        out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();

        final NetworkInterface nif = checkInterface(destArg);
        // A named interface that is missing leaves nothing to send by: only the host-wide findings follow.
        final boolean missing = null != interfaceName && null == nif;
        final Inet4Address destination = missing ? null : null != destArg ? destArg :
            null == nif ? null : broadcastOf(nif);
        final boolean multicast = null != destination && destination.isMulticastAddress();
        // As send and recv do: multicast leaves by --interface if given, else by the route for the group, and a
        // receiver without --interface joins on every interface.
        final NetworkInterface given = null == interfaceName ? null : nif;
        final List<NetworkInterface> joinOn = Interfaces.multicastCapable(given);
        if (null != destination)
        {
            report(SocketChecks.route(new InetSocketAddress(destination, port), given));
        }
        if (!missing)
        {
            SocketChecks.multicast(multicast ? destination : Interfaces.ipv4(Interfaces.RENDEZVOUS_GROUP, "rendezvous"),
                joinOn, multicast).forEach(this::report);
        }
        SocketChecks.buffers().forEach(this::report);
        FirewallCheck.check(port, null == nif ? null : nif.getName()).forEach(this::report);
        if (!local && null != destination)
        {
            exchange(destination, given, joinOn, err).forEach(this::report);
        }

        final long fails = findings.stream().filter(f -> f.level() == Finding.Level.FAIL).count();
        final long warnings = findings.stream().filter(f -> f.level() == Finding.Level.WARNING).count();
        err.println("netpipe check: " + (findings.size() - fails - warnings) + " ok, " + warnings + " warning" +
            (warnings == 1 ? "" : "s") + ", " + fails + " fail" + (fails > 0 ? ": a transfer would fail" : ""));
        err.flush();
        return fails > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private void report(final Finding finding)
    {
        findings.add(finding);
        out.println(finding.line());
        out.flush();
    }

    /** @return the interface to check, or {@code null} (with a finding saying why) when there is none. */
    private NetworkInterface checkInterface(final Inet4Address destArg)
    {
        try
        {
            final NetworkInterface nif = null != interfaceName ? Interfaces.byName(interfaceName) :
                owner(Interfaces.broadcastOf(null));
            report(describe(nif));
            return nif;
        }
        catch (final NetpipeException ex)
        {
            report(null == destArg || null != interfaceName ? Finding.fail("interface: " + Escape.text(ex.getMessage(), 200)) :
                Finding.warning("interface: " + Escape.text(ex.getMessage(), 200) + "; checking --dest only"));
            return null;
        }
    }

    private static NetworkInterface owner(final InetAddress broadcast)
    {
        try
        {
            return NetworkInterface.networkInterfaces().filter(n -> n.getInterfaceAddresses().stream()
                .anyMatch(a -> broadcast.equals(a.getBroadcast()))).findFirst()
                .orElseThrow(() -> new NetpipeException(ExitCodes.IO, "no interface owns " + broadcast.getHostAddress()));
        }
        catch (final SocketException ex)
        {
            throw new NetpipeException(ExitCodes.IO, "cannot list network interfaces: " + ex.getMessage());
        }
    }

    private Inet4Address broadcastOf(final NetworkInterface nif)
    {
        try
        {
            return (Inet4Address)Interfaces.broadcastOf(nif);
        }
        catch (final NetpipeException ex)
        {
            report(Finding.fail("destination: " + Escape.text(ex.getMessage(), 200)));
            return null;
        }
    }

    private static Finding describe(final NetworkInterface nif)
    {
        final String name = Escape.text(nif.getName(), 32);
        final List<String> addresses = new ArrayList<>();
        String broadcast = "no broadcast address";
        for (final InterfaceAddress a : nif.getInterfaceAddresses())
        {
            if (a.getAddress() instanceof Inet4Address v4)
            {
                addresses.add(v4.getHostAddress() + "/" + a.getNetworkPrefixLength());
                if (null != a.getBroadcast() && broadcast.startsWith("no "))
                {
                    broadcast = "broadcast " + a.getBroadcast().getHostAddress();
                }
            }
        }
        try
        {
            final int mtu = nif.getMTU();
            final String text = "interface " + name + ": up, " + String.join(" ", addresses) + ", " + broadcast +
                ", MTU " + mtu + (nif.supportsMulticast() ? ", multicast" : ", no multicast flag");
            if (addresses.isEmpty())
            {
                return Finding.fail("interface " + name + " has no IPv4 address");
            }
            // 1472 bytes of UDP payload, send's default, fill a 1500-byte frame exactly.
            return mtu < 1500 ? Finding.warning(text + "; below 1500, so pass 'send --packet-size " + (mtu - 28) + "'") :
                Finding.ok(text);
        }
        catch (final SocketException ex)
        {
            return Finding.warning("interface " + name + ": " + Escape.text(ex.getMessage(), 200));
        }
    }

    private List<Finding> exchange(final Inet4Address destination, final NetworkInterface nif,
        final List<NetworkInterface> joinOn, final PrintWriter err)
    {
        final int bindPort = peer ? port : port + 1;
        final long token = new SecureRandom().nextLong() | 1;
        final String host = Interfaces.hostName();
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            // The sockets send and recv open: recv shares the data port, send owns the feedback port.
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, peer);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            if (null != nif)
            {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            }
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            try
            {
                ch.bind(new InetSocketAddress(bindPort));
            }
            catch (final IOException ex)
            {
                return List.of(Finding.fail("exchange: cannot bind UDP port " + bindPort + ": " +
                    Escape.text(ex.getMessage(), 200) + " (is a netpipe " + (peer ? "recv" : "send") + " running here?)"));
            }
            final long now = System.nanoTime();
            final Party party;
            if (peer)
            {
                if (destination.isMulticastAddress())
                {
                    for (final NetworkInterface n : joinOn)
                    {
                        ch.join(destination, n);
                    }
                }
                final Duration w = null == wait ? Duration.ofSeconds(60) : wait;
                err.println("netpipe check: waiting up to " + w.toSeconds() + " s for a probe on UDP port " + port +
                    " (run 'netpipe check --port " + port + (null == dest ? "" : " --dest " + dest) + "' on the sender)");
                err.flush();
                party = new Responder(port, token, host, now, w.toNanos());
            }
            else
            {
                final Duration w = null == wait ? Duration.ofSeconds(3) : wait;
                party = new Prober(new InetSocketAddress(destination, port), token, host, now, w.toNanos(), peers);
            }
            return Exchange.run(ch, party, System::nanoTime);
        }
        catch (final IOException ex)
        {
            return List.of(Finding.fail("exchange: " + Escape.text(ex.getMessage(), 200)));
        }
    }
}
