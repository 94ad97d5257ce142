package io.netpipe.forward;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's send queues of TCP sockets (bytes written but not yet acknowledged), from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: one read per reaper pass, and only when a pair looks idle while blocked in a write.
 *
 * <p>Why: a writer blocked on a full send buffer is woken only when a third or more of it has drained, and on
 * loopback that buffer is megabytes. A client reading 200 KB/s then drains the queue for seconds before the
 * relay's write returns: progress the relay cannot see from its own calls, but the queue shrinking shows it.
 * Elsewhere than Linux the table is empty and only the relay's own reads and writes count.
 */
final class SendQueues
{
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final List<Path> tables;
    private Map<String, Long> queued;

    SendQueues()
    {
        this(TABLES);
    }

    SendQueues(final List<Path> tables)
    {
        this.tables = tables;
    }

    /**
     * @param local  the socket's own address.
     * @param remote its peer's address.
     * @return the bytes in its send queue, or -1 when the socket is not in the table.
     */
    long queued(final InetSocketAddress local, final InetSocketAddress remote)
    {
        if (null == queued)
        {
            queued = load();
        }
        final Long bytes = queued.get(key(local, remote, false));
        if (null != bytes)
        {
            return bytes;
        }
        // A dual-stack listener's sockets are IPv6 sockets with IPv4-mapped addresses.
        final Long mapped = queued.get(key(local, remote, true));
        return null == mapped ? -1 : mapped;
    }

    private Map<String, Long> load()
    {
        final Map<String, Long> table = new HashMap<>();
        for (final Path path : tables)
        {
            try
            {
                for (final String line : Files.readAllLines(path))
                {
                    final String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue ...; the header's fifth field has no colon.
                    if (fields.length > 4 && fields[4].indexOf(':') == 8)
                    {
                        table.put(fields[1] + ' ' + fields[2], Long.parseLong(fields[4].substring(0, 8), 16));
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // No such table (not Linux, no IPv6): those sockets are simply not found.
            }
        }
        return table;
    }

    static String key(final InetSocketAddress local, final InetSocketAddress remote, final boolean mapped)
    {
        return hex(local, mapped) + ' ' + hex(remote, mapped);
    }

    /** The kernel prints each 32-bit word of the address as a number in host byte order, then the port. */
    private static String hex(final InetSocketAddress address, final boolean mapped)
    {
        byte[] bytes = address.getAddress().getAddress();
        if (mapped && address.getAddress() instanceof Inet4Address)
        {
            final byte[] v6 = new byte[16];
            v6[10] = (byte)0xff;
            v6[11] = (byte)0xff;
            System.arraycopy(bytes, 0, v6, 12, 4);
            bytes = v6;
        }
        final StringBuilder text = new StringBuilder(38);
        for (int word = 0; word < bytes.length; word += 4)
        {
            for (int i = 0; i < 4; i++)
            {
                final int b = bytes[word + (LITTLE_ENDIAN ? 3 - i : i)] & 0xff;
                text.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return text.append(':').append(String.format(Locale.ROOT, "%04x", address.getPort())).toString()
            .toUpperCase(Locale.ROOT);
    }
}
