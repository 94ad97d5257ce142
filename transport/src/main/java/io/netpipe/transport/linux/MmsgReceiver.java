package io.netpipe.transport.linux;

import static io.netpipe.libc.MultiMessage.CMSG_HEADER_BYTES;
import static io.netpipe.libc.MultiMessage.CMSG_LEVEL;
import static io.netpipe.libc.MultiMessage.CMSG_TYPE;
import static io.netpipe.libc.MultiMessage.IOVEC_BYTES;
import static io.netpipe.libc.MultiMessage.IOV_LEN;
import static io.netpipe.libc.MultiMessage.MMSGHDR_BYTES;
import static io.netpipe.libc.MultiMessage.MMSG_LEN;
import static io.netpipe.libc.MultiMessage.MSG_CONTROL;
import static io.netpipe.libc.MultiMessage.MSG_CONTROLLEN;
import static io.netpipe.libc.MultiMessage.MSG_CTRUNC;
import static io.netpipe.libc.MultiMessage.MSG_FLAGS;
import static io.netpipe.libc.MultiMessage.MSG_IOV;
import static io.netpipe.libc.MultiMessage.MSG_IOVLEN;
import static io.netpipe.libc.MultiMessage.MSG_NAME;
import static io.netpipe.libc.MultiMessage.MSG_NAMELEN;
import static io.netpipe.libc.MultiMessage.MSG_TRUNC;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.netpipe.libc.Errno;
import io.netpipe.libc.Libc;
import io.netpipe.libc.MultiMessage;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketOptions;
import io.netpipe.libc.UdpSockets;
import io.netpipe.transport.DatagramHandler;

/**
 * The receive half: {@code recvmmsg} into one preallocated direct buffer cut into 64 KiB slots, each message
 * with its own name and control buffer (a shared control buffer truncates, and a GRO batch then looks like one
 * datagram). The handler gets each datagram in place, coalesced messages split at their {@code UDP_GRO} size.
 */
final class MmsgReceiver
{
    /** A slot holds the largest datagram, and the largest GRO batch (64 KiB in all). */
    private static final int SLOT_BYTES = 1 << 16;
    /** Room for the GRO cmsg and then some, should the kernel add another (a timestamp, say). */
    private static final int CONTROL_BYTES = 64;
    private static final int NAME_BYTES = 16;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt ADDR = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final int fd;
    private final int batch;
    private final MemorySegment data;
    private final ByteBuffer buffer;
    private final MemorySegment names;
    private final MemorySegment control;
    private final MemorySegment vector;
    private final MemorySegment errno;
    private final ReceivedBatch received;
    private final SourceCache sources = new SourceCache();
    private long truncated;
    private long coalesced;
    // Headers the last recvmmsg filled: only those had their name and control lengths overwritten by the kernel.
    private int dirty;

    MmsgReceiver(final int fd, final Arena arena, final int batch)
    {
        this.fd = fd;
        this.batch = batch;
        data = arena.allocate((long)SLOT_BYTES * batch, 4096);
        buffer = data.asByteBuffer();
        names = arena.allocate((long)NAME_BYTES * batch, 8);
        control = arena.allocate((long)CONTROL_BYTES * batch, 8);
        vector = arena.allocate((long)MMSGHDR_BYTES * batch, 8);
        final MemorySegment iovecs = arena.allocate((long)IOVEC_BYTES * batch, 8);
        errno = Libc.errnoState(arena);
        received = new ReceivedBatch(batch);
        for (int m = 0; m < batch; m++)
        {
            iovecs.set(JAVA_LONG, (long)IOVEC_BYTES * m, data.address() + (long)SLOT_BYTES * m);
            iovecs.set(JAVA_LONG, (long)IOVEC_BYTES * m + IOV_LEN, SLOT_BYTES);
            final long h = (long)MMSGHDR_BYTES * m;
            vector.set(JAVA_LONG, h + MSG_NAME, names.address() + (long)NAME_BYTES * m);
            vector.set(JAVA_LONG, h + MSG_IOV, iovecs.address() + (long)IOVEC_BYTES * m);
            vector.set(JAVA_LONG, h + MSG_IOVLEN, 1L);
            vector.set(JAVA_LONG, h + MSG_CONTROL, control.address() + (long)CONTROL_BYTES * m);
        }
        dirty = batch;
    }

    /** @return messages dropped because the kernel truncated them or their control data (should stay 0). */
    long truncated()
    {
        return truncated;
    }

    /** @return messages the kernel had coalesced (GRO) and that were split again. */
    long coalesced()
    {
        return coalesced;
    }

    /** @return whether a batch fetched earlier still holds datagrams not handed out. */
    boolean hasMore()
    {
        return received.hasMore();
    }

    int receive(final DatagramHandler handler, final int limit) throws IOException
    {
        int count = received.drain(buffer, handler, limit);
        while (count < limit)
        {
            final int want = Math.min(batch, limit - count);
            // A poll that finds nothing (most of a sender's feedback polls) then costs one system call, not a
            // rewrite of every header.
            for (int m = 0; m < dirty; m++)
            {
                final long h = (long)MMSGHDR_BYTES * m;
                vector.set(JAVA_INT, h + MSG_NAMELEN, NAME_BYTES);
                vector.set(JAVA_LONG, h + MSG_CONTROLLEN, CONTROL_BYTES);
            }
            dirty = 0;
            final int n = MultiMessage.recvmmsg(errno, fd, vector, want);
            if (n < 0)
            {
                final int error = Libc.errno(errno);
                if (Errno.EAGAIN == error)
                {
                    break;
                }
                if (Errno.EINTR == error)
                {
                    continue;
                }
                throw new PosixException("recvmmsg", error);
            }
            dirty = n;
            received.reset(n);
            for (int m = 0; m < n; m++)
            {
                describe(m);
            }
            count += received.drain(buffer, handler, limit - count);
            if (n < want)
            {
                break; // the socket had no more: spare the call that would say EAGAIN
            }
        }
        return count;
    }

    private void describe(final int m)
    {
        final long h = (long)MMSGHDR_BYTES * m;
        final int bytes = vector.get(JAVA_INT, h + MMSG_LEN);
        final int flags = vector.get(JAVA_INT, h + MSG_FLAGS);
        final long name = (long)NAME_BYTES * m;
        final var from = sources.get(names.get(ADDR, name + 4), Short.toUnsignedInt(names.get(PORT, name + 2)));
        if (0 != (flags & (MSG_CTRUNC | MSG_TRUNC)))
        {
            // Without its cmsg a coalesced batch cannot be split, and a truncated one lost bytes: drop, count.
            truncated++;
            received.set(m, 0, -1, 0, from);
            return;
        }
        final int segment = groSegment(control, (long)CONTROL_BYTES * m, vector.get(JAVA_LONG, h + MSG_CONTROLLEN));
        if (segment > 0 && segment < bytes)
        {
            coalesced++;
        }
        received.set(m, SLOT_BYTES * m, bytes, segment, from);
    }

    /**
     * @param control       the control buffers.
     * @param base          where this message's control buffer starts.
     * @param controlLength how many bytes of cmsgs the kernel wrote there.
     * @return the {@code UDP_GRO} segment size among the cmsgs, 0 when there is none.
     */
    static int groSegment(final MemorySegment control, final long base, final long controlLength)
    {
        long at = 0;
        while (at + CMSG_HEADER_BYTES <= controlLength)
        {
            final long length = control.get(JAVA_LONG, base + at);
            if (length < CMSG_HEADER_BYTES || at + length > controlLength)
            {
                break;
            }
            if (SocketOptions.SOL_UDP == control.get(JAVA_INT, base + at + CMSG_LEVEL) &&
                UdpSockets.UDP_GRO == control.get(JAVA_INT, base + at + CMSG_TYPE))
            {
                return control.get(JAVA_INT, base + at + CMSG_HEADER_BYTES);
            }
            at += (length + 7) & ~7L;
        }
        return 0;
    }
}
