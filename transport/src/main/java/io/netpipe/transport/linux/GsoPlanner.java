package io.netpipe.transport.linux;

/**
 * Decides how queued datagrams go out as {@code sendmmsg} messages. With UDP GSO a run of consecutive datagrams
 * to the same destination, all of one size except a shorter last one, becomes one message: an iovec a datagram
 * and a {@code UDP_SEGMENT} cmsg with that size, which the kernel cuts back into the same datagrams. Without GSO
 * (or for a run of one) every datagram is a message of its own. Pure bookkeeping over arrays, so it is tested
 * without sockets.
 */
final class GsoPlanner
{
    /** The most segments the kernel takes in one GSO send ({@code UDP_MAX_SEGMENTS} before Linux 6.9). */
    static final int MAX_SEGMENTS = 64;
    /** The most UDP payload one IPv4 datagram, so one GSO send, carries: 65535 - 20 (IP) - 8 (UDP). */
    static final int MAX_PAYLOAD = 65_507;

    private final int[] first;
    private final int[] count;
    private final int[] segment;

    /** @param capacity the most datagrams (so messages) one plan covers. */
    GsoPlanner(final int capacity)
    {
        first = new int[capacity];
        count = new int[capacity];
        segment = new int[capacity];
    }

    /**
     * Plans datagrams {@code [from, to)}, replacing the previous plan.
     *
     * @param destination each datagram's destination, as an index into the sender's table.
     * @param length      each datagram's length.
     * @param gso         whether messages may carry several datagrams.
     * @return the number of messages; message {@code m} is datagrams {@code first(m) .. first(m) + count(m) - 1}.
     */
    int plan(final int[] destination, final int[] length, final int from, final int to, final boolean gso)
    {
        int messages = 0;
        int i = from;
        while (i < to)
        {
            final int size = length[i];
            int n = 1;
            int bytes = size;
            if (gso && size > 0)
            {
                while (i + n < to && n < MAX_SEGMENTS)
                {
                    final int next = i + n;
                    final int nextSize = length[next];
                    if (destination[next] != destination[i] || nextSize > size || 0 == nextSize ||
                        bytes + nextSize > MAX_PAYLOAD)
                    {
                        break;
                    }
                    n++;
                    bytes += nextSize;
                    if (nextSize < size)
                    {
                        break; // a shorter datagram ends a run: the kernel cuts every segment but the last at size
                    }
                }
            }
            first[messages] = i;
            count[messages] = n;
            // A run of one goes without the cmsg: the kernel then sends it as it is, whatever the path MTU.
            segment[messages] = n > 1 ? size : 0;
            messages++;
            i += n;
        }
        return messages;
    }

    /** @return the index of message {@code m}'s first datagram. */
    int first(final int m)
    {
        return first[m];
    }

    /** @return how many datagrams message {@code m} carries. */
    int count(final int m)
    {
        return count[m];
    }

    /** @return message {@code m}'s GSO segment size, 0 for a message of one datagram sent without the cmsg. */
    int segment(final int m)
    {
        return segment[m];
    }
}
