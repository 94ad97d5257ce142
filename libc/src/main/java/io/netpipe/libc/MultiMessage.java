package io.netpipe.libc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;


/**
 * {@code sendmmsg} and {@code recvmmsg}: many datagrams a system call. The caller lays out the structures in
 * native memory it owns (offsets below, x86-64 and aarch64 Linux) and keeps one {@code errno} capture segment,
 * so a call allocates nothing:
 * <pre>
 * struct iovec   (16): base ptr | len u64
 * struct msghdr  (56): name ptr | namelen u32 | pad | iov ptr | iovlen u64 | control ptr | controllen u64 | flags int | pad
 * struct mmsghdr (64): msghdr | msg_len u32 (bytes sent or received) | pad
 * struct cmsghdr (16 + data): len u64 (header and data) | level int | type int | data, padded to 8
 * </pre>
 */
public final class MultiMessage
{
    /** {@code sizeof(struct iovec)}. */
    public static final int IOVEC_BYTES = 16;
    /** Offset of {@code iov_len}. */
    public static final int IOV_LEN = 8;
    /** {@code sizeof(struct mmsghdr)}. */
    public static final int MMSGHDR_BYTES = 64;
    /** Offset of {@code msg_name}. */
    public static final int MSG_NAME = 0;
    /** Offset of {@code msg_namelen}. */
    public static final int MSG_NAMELEN = 8;
    /** Offset of {@code msg_iov}. */
    public static final int MSG_IOV = 16;
    /** Offset of {@code msg_iovlen}. */
    public static final int MSG_IOVLEN = 24;
    /** Offset of {@code msg_control}. */
    public static final int MSG_CONTROL = 32;
    /** Offset of {@code msg_controllen}. */
    public static final int MSG_CONTROLLEN = 40;
    /** Offset of {@code msg_flags}. */
    public static final int MSG_FLAGS = 48;
    /** Offset of {@code msg_len} in {@code struct mmsghdr}. */
    public static final int MMSG_LEN = 56;
    /** {@code sizeof(struct cmsghdr)}, where the data starts. */
    public static final int CMSG_HEADER_BYTES = 16;
    /** Offset of {@code cmsg_level}. */
    public static final int CMSG_LEVEL = 8;
    /** Offset of {@code cmsg_type}. */
    public static final int CMSG_TYPE = 12;
    /** {@code CMSG_SPACE(sizeof(int))}: room for one cmsg carrying an int. */
    public static final int CMSG_INT_SPACE = 24;
    /** {@code CMSG_LEN(sizeof(int))}: the length field of that cmsg. */
    public static final int CMSG_INT_LEN = 20;
    /**
     * {@code CMSG_LEN(sizeof(__u16))}: the length field of a cmsg carrying a 16-bit value, as {@code UDP_SEGMENT}
     * does on send (the kernel refuses any other length with EINVAL); it fits in {@link #CMSG_INT_SPACE}.
     */
    public static final int CMSG_SHORT_LEN = 18;
    /** {@code msg_flags}: the control data did not fit its buffer. */
    public static final int MSG_CTRUNC = 0x8;
    /** {@code msg_flags}: the datagram did not fit its buffer. */
    public static final int MSG_TRUNC = 0x20;
    /** The most messages one call takes ({@code UIO_MAXIOV}), and the most iovecs one message takes. */
    public static final int MAX_VLEN = 1024;

    /** Handles of their own (see {@link Libc#withErrno}): these calls are the transport's loop. */
    private static final MethodHandle SENDMMSG = Libc.withErrno("sendmmsg", 4);
    private static final MethodHandle RECVMMSG = Libc.withErrno("recvmmsg", 5);

    private MultiMessage()
    {
    }

    /**
     * Sends up to {@code vlen} messages.
     *
     * @param errnoState from {@link Libc#errnoState}; read it with {@link Libc#errno} after a negative result.
     * @return messages sent (the first ones), or -1 when the first failed.
     */
    public static int sendmmsg(final MemorySegment errnoState, final int fd, final MemorySegment vector, final int vlen)
    {
        return sendmmsg(errnoState, fd, Libc.address(vector), vlen);
    }

    /**
     * Sends up to {@code vlen} messages from a vector given by its address: a caller resuming after a partial send
     * points into its vector without slicing a segment (a slice is an object a call).
     *
     * @param errnoState from {@link Libc#errnoState}; read it with {@link Libc#errno} after a negative result.
     * @param vector     the address of the first {@code mmsghdr} to send.
     * @return messages sent (the first ones), or -1 when the first failed.
     */
    public static int sendmmsg(final MemorySegment errnoState, final int fd, final long vector, final int vlen)
    {
        try
        {
            return (int)(long)SENDMMSG.invokeExact(errnoState, (long)fd, vector, (long)vlen, 0L);
        }
        catch (final Throwable t)
        {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Receives up to {@code vlen} messages into a vector given by its address (memory the caller keeps alive, e.g. a
     * direct buffer it holds), without waiting (pass a non-blocking socket); the kernel fills in each message's
     * {@code msg_len}, {@code msg_namelen}, {@code msg_controllen} and {@code msg_flags}.
     *
     * @return messages received, or -1 (e.g. {@code EAGAIN} when none was waiting).
     */
    public static int recvmmsg(final MemorySegment errnoState, final int fd, final long vector, final int vlen)
    {
        try
        {
            return (int)(long)RECVMMSG.invokeExact(errnoState, (long)fd, vector, (long)vlen, 0L, 0L);
        }
        catch (final Throwable t)
        {
            throw Libc.rethrow(t);
        }
    }
}
