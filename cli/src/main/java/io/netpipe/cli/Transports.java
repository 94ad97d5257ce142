package io.netpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;

import io.netpipe.transport.GroupTransport;
import io.netpipe.transport.UdpOptions;
import io.netpipe.transport.UdpTransport;
import io.netpipe.transport.linux.LinuxOptions;
import io.netpipe.transport.linux.LinuxUdpTransport;
import io.netpipe.transport.linux.TransportUnavailableException;

/**
 * Chooses the datagram transport: the Linux one (sendmmsg with UDP GSO, recvmmsg with UDP GRO) where it runs, the
 * portable NIO one elsewhere or when asked. A fallback is quiet, permanent and said once with {@code -v}; the
 * summary line names what ran.
 */
final class Transports
{
    /** What {@code --transport} accepts. */
    enum Kind
    {
        /** The Linux transport where it runs, else NIO. */
        auto,
        /** The Linux batch transport, or an error. */
        linux,
        /** The portable NIO transport. */
        nio
    }

    private Transports()
    {
    }

    static GroupTransport open(final UdpOptions udp, final Kind kind, final boolean verbose, final PrintWriter err,
        final String command) throws IOException
    {
        // recv took NIO by default until stop 34: its recvmmsg path had cost more C2 compile time than its batches
        // saved where eight receivers share two cores. Stop 31 halved that cost, and stop 34 measured recvmmsg
        // receivers ahead with 1% loss (README, "Receiving through recvmmsg by default").
        if (kind != Kind.nio)
        {
            try
            {
                final GroupTransport linux = new LinuxUdpTransport(udp, LinuxOptions.defaults().withListeners(
                    text -> { }, text -> say(verbose, err, command, text)));
                say(verbose, err, command, "transport linux (sendmmsg and recvmmsg; GSO and GRO where the kernel " +
                    "allows them)");
                return linux;
            }
            catch (final TransportUnavailableException ex)
            {
                if (kind == Kind.linux)
                {
                    throw new NetpipeException(ExitCodes.IO, "--transport linux is unavailable here: " + ex.getMessage());
                }
                say(verbose, err, command, "the Linux transport is unavailable (" + ex.getMessage() + "); using nio");
            }
        }
        say(verbose, err, command, "transport nio (a system call per datagram)");
        return new UdpTransport(udp);
    }

    private static void say(final boolean verbose, final PrintWriter err, final String command, final String text)
    {
        if (verbose)
        {
            err.println("netpipe " + command + ": " + text);
            err.flush();
        }
    }
}
