package io.netpipe.cli;

import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.nio.file.Path;

import io.netpipe.protocol.crypto.KeyFile;
import io.netpipe.protocol.crypto.KeyFileException;
import io.netpipe.protocol.crypto.PreSharedKey;

import io.netpipe.transport.DatagramTransport;
import io.netpipe.transport.GroupTransport;
import io.netpipe.transport.UdpOptions;
import picocli.CommandLine.Option;

/**
 * The options {@code send} and {@code recv} share, defined once: ports, interface, socket buffers, quiet. Mixed
 * into both commands, so a default or a check changes in one place.
 */
final class NetworkOptions
{
    /** What both sides ask the kernel for: 4 MiB holds ~30 ms of a 1 Gbit/s stream, more than any hiccup here. */
    static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 << 20;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9000",
        description = "Data port; feedback uses P+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--interface", paramLabel = "IF",
        description = "Network interface to send on and join multicast groups on (e.g. eth0; default: all that are up).")
    String interfaceName;

    @Option(names = "--socket-buffer", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "4M",
        description = "Socket send and receive buffers to ask the kernel for (default: ${DEFAULT-VALUE}; capped by " +
            "net.core.rmem_max and wmem_max, with a warning).")
    long socketBufferBytes;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; errors only.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also say which transport runs and why, and what it turned off.")
    boolean verbose;

    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "auto",
        description = "auto (the Linux batch transport where it runs, else nio), linux (sendmmsg with UDP GSO, " +
            "recvmmsg with UDP GRO) or nio (a system call per datagram) (default: ${DEFAULT-VALUE}).")
    Transports.Kind transport;

    @Option(names = "--key-file", paramLabel = "FILE",
        description = "Authenticate and encrypt every datagram with the pre-shared key in FILE (AES-GCM; the same " +
            "file on the sender and every receiver; make one with 'netpipe keygen FILE'; mode 0600).")
    Path keyFile;

    @Option(names = "--session", paramLabel = "NAME",
        description = "Keep sessions on one port apart: a receiver with NAME joins only a sender with the same NAME " +
            "(it is carried in the session id; a receiver without --session joins any session).")
    String sessionName;

    /** @return the {@code --session} name, checked, or {@code null} without one. */
    String sessionName()
    {
        if (null != sessionName && (sessionName.isEmpty() || sessionName.length() > 64))
        {
            throw new NetpipeException(ExitCodes.USAGE, "--session must be from 1 to 64 characters");
        }
        return sessionName;
    }

    /**
     * @return the key {@code --key-file} names, or {@code null} without one.
     * @throws NetpipeException (exit 8) when the file is missing, unreadable, open to others or malformed.
     */
    PreSharedKey key()
    {
        if (null == keyFile)
        {
            return null;
        }
        try
        {
            return KeyFile.load(keyFile);
        }
        catch (final KeyFileException ex)
        {
            throw new NetpipeException(ExitCodes.KEY_FILE, ex.getMessage());
        }
    }

    /** @return the data port, checked: feedback uses the next one. */
    int port()
    {
        if (port < 1 || port > 65534)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--port must be from 1 to 65534 (feedback uses port + 1)");
        }
        return port;
    }

    /** @return the interface named, or {@code null} for the default. */
    NetworkInterface networkInterface()
    {
        return Interfaces.byName(interfaceName);
    }

    /** @return the socket buffer size to ask for, checked. */
    int socketBufferBytes()
    {
        if (socketBufferBytes < 64 << 10 || socketBufferBytes > 1L << 30)
        {
            throw new NetpipeException(ExitCodes.USAGE, "--socket-buffer must be from 64K to 1G");
        }
        return (int)socketBufferBytes;
    }

    /**
     * Opens the transport {@code --transport} asks for.
     *
     * @param udp     how to open the socket.
     * @param err     where notices go.
     * @param command "send" or "recv".
     * @return the open transport.
     * @throws java.io.IOException when the socket cannot be opened or bound.
     */
    GroupTransport open(final UdpOptions udp, final PrintWriter err, final String command) throws java.io.IOException
    {
        return Transports.open(udp, transport, verbose, err, command);
    }

    /**
     * Warns once when the kernel granted less receive buffer than asked.
     *
     * @param transport the opened transport.
     * @param err       where warnings go.
     * @param command   "send" or "recv".
     */
    void warnIfCapped(final DatagramTransport transport, final PrintWriter err, final String command)
    {
        final int asked = socketBufferBytes();
        if (transport.receiveBufferBytes() > 0 && transport.receiveBufferBytes() < asked && !quiet)
        {
            err.println("netpipe " + command + ": warning: receive buffer capped at " +
                Human.bytes(transport.receiveBufferBytes()) + " by net.core.rmem_max; raise it (sysctl -w " +
                "net.core.rmem_max=" + asked + ") to avoid losses");
            err.flush();
        }
    }
}
