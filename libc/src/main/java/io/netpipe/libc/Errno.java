package io.netpipe.libc;

/** The Linux error numbers netpipe reacts to (the same on every Linux architecture it runs on). */
public final class Errno
{
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call: retry. */
    public static final int EINTR = 4;
    /** Input/output error: what UDP GSO returns where the device cannot checksum segments. */
    public static final int EIO = 5;
    /** Try again: nothing ready on a non-blocking descriptor. */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Invalid argument, e.g. a GSO segment larger than the path MTU. */
    public static final int EINVAL = 22;
    /** Message too long for the socket. */
    public static final int EMSGSIZE = 90;
    /** Protocol not available: the kernel does not know the socket option (UDP GSO or GRO before Linux 4.18 / 5.0). */
    public static final int ENOPROTOOPT = 92;
    /** Address family not supported (no IPv6 in this kernel). */
    public static final int EAFNOSUPPORT = 97;
    /** Cannot assign the requested address: not an address of this host. */
    public static final int EADDRNOTAVAIL = 99;
    /** The connection was aborted before {@code accept} returned it. */
    public static final int ECONNABORTED = 103;
    /** No buffer space: a queue in the kernel is full, try later. */
    public static final int ENOBUFS = 105;
    /** The socket is not connected, or no longer: the peer has closed both directions. */
    public static final int ENOTCONN = 107;

    private Errno()
    {
    }
}
