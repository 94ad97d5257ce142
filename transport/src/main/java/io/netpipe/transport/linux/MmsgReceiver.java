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

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * Every structure is a {@link NativeBlock}: the per-message header reads are plain loads (see there why).
 */
final class MmsgReceiver
{
    /** A slot holds the largest datagram, and the largest GRO batch (64 KiB in all). */
    private static final int SLOT_BYTES = 1 << 16;
    /** Room for the GRO cmsg and then some, should the kernel add another (a timestamp, say). */
    private static final int CONTROL_BYTES = 64;
    private static final int NAME_BYTES = 16;

    private final int fd;
    private final int batch;
    private final ByteBuffer buffer;
    private final ByteBuffer names;
    private final ByteBuffer control;
    private final NativeBlock vectorBlock;
    private final ByteBuffer vector;
    private final MemorySegment errno;
    /** Read only by the kernel, through the headers' pointers: held so that its memory stays allocated. */
    private final NativeBlock iovecs;
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
        final NativeBlock data = new NativeBlock(SLOT_BYTES * batch, 4096);
        // Handed to the handler: in the byte order a ByteBuffer has by default, as the NIO transport's are.
        buffer = data.buffer().duplicate().order(ByteOrder.BIG_ENDIAN);
        final NativeBlock nameBlock = new NativeBlock(NAME_BYTES * batch, 8);
        // sockaddr_in holds its port and address in network order, whatever the machine's.
        names = nameBlock.buffer().duplicate().order(ByteOrder.BIG_ENDIAN);
        final NativeBlock controlBlock = new NativeBlock(CONTROL_BYTES * batch, 8);
        control = controlBlock.buffer();
        vectorBlock = new NativeBlock(MMSGHDR_BYTES * batch, 8);
        vector = vectorBlock.buffer();
        final NativeBlock iovecs = new NativeBlock(IOVEC_BYTES * batch, 8);
        errno = Libc.errnoState(arena);
        received = new ReceivedBatch(batch);
        for (int m = 0; m < batch; m++)
        {
            iovecs.buffer().putLong(IOVEC_BYTES * m, data.address((long)SLOT_BYTES * m));
            iovecs.buffer().putLong(IOVEC_BYTES * m + IOV_LEN, SLOT_BYTES);
            final int h = MMSGHDR_BYTES * m;
            vector.putLong(h + MSG_NAME, nameBlock.address((long)NAME_BYTES * m));
            // The kernel reads the iovecs through this pointer: the field iovecs keeps their block allocated.
            vector.putLong(h + MSG_IOV, iovecs.address((long)IOVEC_BYTES * m));
            vector.putLong(h + MSG_IOVLEN, 1L);
            vector.putLong(h + MSG_CONTROL, controlBlock.address((long)CONTROL_BYTES * m));
        }
        this.iovecs = iovecs;
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
        // One call site hands datagrams to the handler: C2 inlines the handler (the whole receive path) into each
        // call site of drain, and with two the receive loop compiled it twice (JFR: 6,070 bytes inlined against
        // NIO's 2,163), compile time that eight receivers sharing two cores pay in throughput.
        int count = 0;
        boolean socketMayHoldMore = true;
        while (true)
        {
            count += received.drain(buffer, handler, limit - count);
            if (count >= limit || !socketMayHoldMore)
            {
                return count;
            }
            final int want = Math.min(batch, limit - count);
            final int n = fetch(want);
            // Fewer than asked: the socket had no more, so spare the call that would say EAGAIN.
            socketMayHoldMore = n == want;
            if (n == 0)
            {
                return count;
            }
        }
    }

    /** Fills the batch with up to {@code want} messages; returns how many, 0 when the socket had none. */
    private int fetch(final int want) throws IOException
    {
        // A poll that finds nothing (most of a sender's feedback polls) then costs one system call, not a rewrite
        // of every header.
        for (int m = 0; m < dirty; m++)
        {
            final int h = MMSGHDR_BYTES * m;
            vector.putInt(h + MSG_NAMELEN, NAME_BYTES);
            vector.putLong(h + MSG_CONTROLLEN, CONTROL_BYTES);
        }
        dirty = 0;
        while (true)
        {
            final int n = MultiMessage.recvmmsg(errno, fd, vectorBlock.address(), want);
            if (n >= 0)
            {
                dirty = n;
                received.reset(n);
                for (int m = 0; m < n; m++)
                {
                    describe(m);
                }
                return n;
            }
            final int error = Libc.errno(errno);
            if (Errno.EAGAIN == error)
            {
                return 0;
            }
            if (Errno.EINTR != error)
            {
                throw new PosixException("recvmmsg", error);
            }
        }
    }

    private void describe(final int m)
    {
        final int h = MMSGHDR_BYTES * m;
        final int bytes = vector.getInt(h + MMSG_LEN);
        final int flags = vector.getInt(h + MSG_FLAGS);
        final int name = NAME_BYTES * m;
        final var from = sources.get(names.getInt(name + 4), Short.toUnsignedInt(names.getShort(name + 2)));
        if (0 != (flags & (MSG_CTRUNC | MSG_TRUNC)))
        {
            // Without its cmsg a coalesced batch cannot be split, and a truncated one lost bytes: drop, count.
            truncated++;
            received.set(m, 0, -1, 0, from);
            return;
        }
        final int segment = groSegment(control, CONTROL_BYTES * m, vector.getLong(h + MSG_CONTROLLEN));
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
    static int groSegment(final ByteBuffer control, final int base, final long controlLength)
    {
        int at = 0;
        while (at + CMSG_HEADER_BYTES <= controlLength)
        {
            final long length = control.getLong(base + at);
            if (length < CMSG_HEADER_BYTES || at + length > controlLength)
            {
                break;
            }
            if (SocketOptions.SOL_UDP == control.getInt(base + at + CMSG_LEVEL) &&
                UdpSockets.UDP_GRO == control.getInt(base + at + CMSG_TYPE))
            {
                return control.getInt(base + at + CMSG_HEADER_BYTES);
            }
            at += (int)((length + 7) & ~7L);
        }
        return 0;
    }
}
