package io.netpipe.libc;

/** The Linux error numbers socketpipe mode reacts to (the same on every Linux architecture it runs on). */
public final class Errno
{
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call: retry. */
    public static final int EINTR = 4;
    /** Try again: nothing ready on a non-blocking descriptor. */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Address family not supported (no IPv6 in this kernel). */
    public static final int EAFNOSUPPORT = 97;
    /** Cannot assign the requested address: not an address of this host. */
    public static final int EADDRNOTAVAIL = 99;
    /** The connection was aborted before {@code accept} returned it. */
    public static final int ECONNABORTED = 103;
    /** The socket is not connected, or no longer: the peer has closed both directions. */
    public static final int ENOTCONN = 107;

    private Errno()
    {
    }
}
