package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every receiver of a run is ready, that is has a UDP socket bound on the data port, so the sender's clock
 * starts only then: 64 JVMs on 2 cores take tens of seconds to start, and a sleep long enough for them would be a
 * guess. {@code /proc/PID/net/udp} shows the sockets of the process's network namespace, and each receiver is alone
 * in its own.
 *
 * @param notReady how many receivers were not ready (exited or still unbound at the deadline), 0 when all were.
 * @param why      why not, or an empty string.
 * @param seconds  wall-clock seconds from the call until the last receiver was ready, NaN if not all were.
 */
record Readiness(int notReady, String why, double seconds)
{
    /** Polling period: far below a JVM's start-up, so it adds nothing measurable to the ready time. */
    private static final long POLL_MS = 10;

    /**
     * @param receivers the receivers' processes, in their namespaces.
     * @param port      the data port they bind.
     * @param startNs   {@link System#nanoTime()} when the first receiver was started.
     * @return the readiness; waits at most 60 s plus 2 s per receiver (on 2 busy cores a JVM start can take seconds).
     * @throws InterruptedException if interrupted.
     */
    static Readiness await(final List<Process> receivers, final int port, final long startNs)
        throws InterruptedException
    {
        final String hexPort = String.format(":%04X ", port);
        final long deadline = startNs + TimeUnit.SECONDS.toNanos(60 + 2L * receivers.size());
        for (int i = 0; i < receivers.size(); i++)
        {
            final Process p = receivers.get(i);
            final Path udp = Path.of("/proc", Long.toString(p.pid()), "net", "udp");
            while (!bound(udp, hexPort))
            {
                if (!p.isAlive())
                {
                    return new Readiness(missing(receivers, hexPort), "receiver " + (i + 1)
                        + " exited before binding its socket (exit " + p.exitValue() + ")", Double.NaN);
                }
                if (System.nanoTime() > deadline)
                {
                    return new Readiness(missing(receivers, hexPort), "receiver " + (i + 1) + " did not bind port "
                        + port + " within " + TimeUnit.NANOSECONDS.toSeconds(deadline - startNs) + " s", Double.NaN);
                }
                Thread.sleep(POLL_MS);
            }
        }
        return new Readiness(0, "", (System.nanoTime() - startNs) / 1e9);
    }

    private static int missing(final List<Process> receivers, final String hexPort)
    {
        return (int) receivers.stream()
            .filter(p -> !p.isAlive() || !bound(Path.of("/proc", Long.toString(p.pid()), "net", "udp"), hexPort))
            .count();
    }

    private static boolean bound(final Path udpTable, final String hexPort)
    {
        try
        {
            return Files.readString(udpTable).lines().skip(1).anyMatch(l -> l.contains(hexPort));
        }
        catch (final IOException ex)
        {
            return false; // the process just exited: the caller's isAlive() check says so next time round
        }
    }
}
