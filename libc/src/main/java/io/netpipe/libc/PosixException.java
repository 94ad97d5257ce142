package io.netpipe.libc;

import java.io.IOException;

/** A failed system call: the call's name, what it was doing, and the {@code errno} it left. */
public final class PosixException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * @param call  the system call, e.g. {@code connect}.
     * @param errno the error number it returned or left in {@code errno}.
     */
    public PosixException(final String call, final int errno)
    {
        super(call + ": " + Libc.strerror(errno));
        this.errno = errno;
    }

    /** @return the error number, e.g. {@link Errno#ENOTCONN}. */
    public int errno()
    {
        return errno;
    }

    /** @return the error's text alone, e.g. {@code Connection refused}. */
    public String reason()
    {
        return Libc.strerror(errno);
    }
}
