package io.netpipe.transport.linux;

import static io.netpipe.libc.MultiMessage.CMSG_SHORT_LEN;
import static io.netpipe.libc.MultiMessage.CMSG_INT_SPACE;
import static io.netpipe.libc.MultiMessage.CMSG_LEVEL;
import static io.netpipe.libc.MultiMessage.CMSG_TYPE;
import static io.netpipe.libc.MultiMessage.CMSG_HEADER_BYTES;
import static io.netpipe.libc.MultiMessage.IOVEC_BYTES;
import static io.netpipe.libc.MultiMessage.IOV_LEN;
import static io.netpipe.libc.MultiMessage.MMSGHDR_BYTES;
import static io.netpipe.libc.MultiMessage.MSG_CONTROL;
import static io.netpipe.libc.MultiMessage.MSG_CONTROLLEN;
import static io.netpipe.libc.MultiMessage.MSG_FLAGS;
import static io.netpipe.libc.MultiMessage.MSG_IOV;
import static io.netpipe.libc.MultiMessage.MSG_IOVLEN;
import static io.netpipe.libc.MultiMessage.MSG_NAME;
import static io.netpipe.libc.MultiMessage.MSG_NAMELEN;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

import io.netpipe.libc.Errno;
import io.netpipe.libc.Libc;
import io.netpipe.libc.MultiMessage;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketOptions;
import io.netpipe.libc.UdpSockets;

/**
 * The send half: queues datagrams as iovecs over the caller's own bytes (a heap buffer is copied to a staging
 * area first, since the kernel needs native addresses), then sends the queue with as few {@code sendmmsg} calls
 * as it takes, in messages planned by {@link GsoPlanner}. Every structure is laid out once in native memory, in
 * {@link NativeBlock}s (plain loads and stores, see there why).
 */
final class MmsgSender
{
    private static final int STAGING_BYTES = 1 << 20;
    /** Buffers whose address is remembered: four times the sender's default retransmit window of frames. */
    private static final int ADDRESS_CACHE = 1 << 16;

    private final int fd;
    private final int capacity;
    private final SocketWaiter waiter;
    private final Destinations destinations;
    private final GsoPlanner planner;
    private final ByteBuffer[] held;
    private final BufferAddresses addresses = new BufferAddresses(ADDRESS_CACHE);
    private final int[] destination;
    private final int[] length;
    private final NativeBlock iovecs;
    private final NativeBlock vector;
    private final NativeBlock control;
    private final NativeBlock staging;
    private final MemorySegment errno;
    private final Consumer<String> notices;
    private int queued;
    private int staged;
    private boolean gso;

    MmsgSender(final int fd, final Arena arena, final int capacity, final boolean gso, final SocketWaiter waiter,
        final Consumer<String> notices)
    {
        this.fd = fd;
        this.capacity = capacity;
        this.waiter = waiter;
        this.notices = notices;
        this.gso = gso;
        destinations = new Destinations(arena);
        planner = new GsoPlanner(capacity);
        held = new ByteBuffer[capacity];
        destination = new int[capacity];
        length = new int[capacity];
        iovecs = new NativeBlock(IOVEC_BYTES * capacity, 8);
        vector = new NativeBlock(MMSGHDR_BYTES * capacity, 8);
        control = new NativeBlock(CMSG_INT_SPACE * capacity, 8);
        staging = new NativeBlock(STAGING_BYTES, 64);
        errno = Libc.errnoState(arena);
        final ByteBuffer cmsgs = control.buffer();
        for (int m = 0; m < capacity; m++)
        {
            final int c = CMSG_INT_SPACE * m;
            cmsgs.putLong(c, CMSG_SHORT_LEN); // UDP_SEGMENT's value is a __u16
            cmsgs.putInt(c + CMSG_LEVEL, SocketOptions.SOL_UDP);
            cmsgs.putInt(c + CMSG_TYPE, UdpSockets.UDP_SEGMENT);
        }
    }

    /** @return whether sends still use GSO. */
    boolean gso()
    {
        return gso;
    }

    void send(final ByteBuffer datagram, final InetSocketAddress to) throws IOException
    {
        final int bytes = datagram.remaining();
        if (bytes > GsoPlanner.MAX_PAYLOAD)
        {
            throw new IOException("datagram of " + bytes + " bytes is longer than UDP over IPv4 allows (65507)");
        }
        if (queued == capacity || (!datagram.isDirect() && staged + bytes > STAGING_BYTES))
        {
            flush();
        }
        int slot = destinations.find(to);
        if (slot < 0)
        {
            if (destinations.full())
            {
                flush(); // the queued messages point into the table
                destinations.clear();
            }
            slot = destinations.add(to);
        }
        final long address;
        if (datagram.isDirect())
        {
            address = addresses.of(datagram);
            held[queued] = datagram; // keeps the memory reachable until the kernel has read it
        }
        else
        {
            staging.buffer().put(staged, datagram, datagram.position(), bytes);
            address = staging.address(staged);
            staged += bytes;
        }
        final int iov = IOVEC_BYTES * queued;
        iovecs.buffer().putLong(iov, address);
        iovecs.buffer().putLong(iov + IOV_LEN, bytes);
        destination[queued] = slot;
        length[queued] = bytes;
        queued++;
    }

    void flush() throws IOException
    {
        try
        {
            int messages = layOut(0);
            int m = 0;
            while (m < messages)
            {
                final int n = MultiMessage.sendmmsg(errno, fd, vector.address((long)MMSGHDR_BYTES * m), messages - m);
                if (n > 0)
                {
                    m += n;
                    continue;
                }
                final int error = Libc.errno(errno);
                if (Errno.EAGAIN == error)
                {
                    waiter.awaitWritable();
                }
                else if (Errno.ENOBUFS == error)
                {
                    waiter.backOff();
                }
                else if (gso && planner.segment(m) > 0 && (Errno.EIO == error || Errno.EINVAL == error || Errno.ENOPROTOOPT == error))
                {
                    gso = false;
                    notices.accept("UDP GSO refused by the kernel (" + Libc.strerror(error) + "): sending without it");
                    messages = layOut(planner.first(m));
                    m = 0;
                }
                else if (Errno.EINTR != error)
                {
                    throw new PosixException("sendmmsg", error);
                }
            }
        }
        finally
        {
            Arrays.fill(held, 0, queued, null);
            queued = 0;
            staged = 0;
        }
    }

    /** Plans datagrams {@code [from, queued)} and writes one mmsghdr a message; returns the message count. */
    private int layOut(final int from)
    {
        final int messages = planner.plan(destination, length, from, queued, gso);
        final ByteBuffer headers = vector.buffer();
        for (int m = 0; m < messages; m++)
        {
            final int h = MMSGHDR_BYTES * m;
            final int first = planner.first(m);
            headers.putLong(h + MSG_NAME, destinations.address(destination[first]));
            headers.putInt(h + MSG_NAMELEN, Destinations.SOCKADDR_BYTES);
            headers.putLong(h + MSG_IOV, iovecs.address((long)IOVEC_BYTES * first));
            headers.putLong(h + MSG_IOVLEN, planner.count(m));
            final int segment = planner.segment(m);
            if (segment > 0)
            {
                final int c = CMSG_INT_SPACE * m;
                control.buffer().putShort(c + CMSG_HEADER_BYTES, (short)segment);
                headers.putLong(h + MSG_CONTROL, control.address(c));
                headers.putLong(h + MSG_CONTROLLEN, CMSG_INT_SPACE);
            }
            else
            {
                headers.putLong(h + MSG_CONTROL, 0L);
                headers.putLong(h + MSG_CONTROLLEN, 0L);
            }
            headers.putInt(h + MSG_FLAGS, 0);
        }
        return messages;
    }
}
