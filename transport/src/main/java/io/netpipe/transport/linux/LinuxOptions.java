package io.netpipe.transport.linux;

import java.util.function.Consumer;

/**
 * What the Linux transport adds to {@link io.netpipe.transport.UdpOptions}.
 *
 * @param gso           send runs of equal datagrams as one UDP GSO message when the kernel allows it.
 * @param gro           let the kernel coalesce received datagrams (UDP GRO); they are split again in place.
 * @param sendQueue     the most datagrams {@code send} queues before it flushes by itself (at most 1024).
 * @param receiveBatch  the most messages one {@code recvmmsg} fetches (each has a 64 KiB buffer).
 * @param warnings      told once when the kernel caps a socket buffer below what was asked for; always worth
 *                      showing.
 * @param notices       told once when GSO or GRO is refused and the transport carries on without it; worth
 *                      showing with {@code -v}.
 */
public record LinuxOptions(
    boolean gso,
    boolean gro,
    int sendQueue,
    int receiveBatch,
    Consumer<String> warnings,
    Consumer<String> notices)
{
    /** Checks the sizes. */
    public LinuxOptions
    {
        if (sendQueue < 1 || sendQueue > 1024 || receiveBatch < 1 || receiveBatch > 1024)
        {
            throw new IllegalArgumentException("send queue and receive batch must be 1 to 1024");
        }
    }

    /**
     * @return GSO and GRO on, 1024 queued sends, 64 messages a receive, warnings and notices dropped.
     */
    public static LinuxOptions defaults()
    {
        return new LinuxOptions(true, true, 1024, 64, text -> { }, text -> { });
    }

    /** @return these options with GSO on or off. */
    public LinuxOptions withGso(final boolean on)
    {
        return new LinuxOptions(on, gro, sendQueue, receiveBatch, warnings, notices);
    }

    /** @return these options with GRO on or off. */
    public LinuxOptions withGro(final boolean on)
    {
        return new LinuxOptions(gso, on, sendQueue, receiveBatch, warnings, notices);
    }

    /** @return these options with the given listeners. */
    public LinuxOptions withListeners(final Consumer<String> warn, final Consumer<String> notice)
    {
        return new LinuxOptions(gso, gro, sendQueue, receiveBatch, warn, notice);
    }
}
