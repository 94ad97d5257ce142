package io.netpipe.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** How many bytes an input holds, when that can be known before reading it: for the live view's bar and ETA. */
final class InputSize
{
    private InputSize()
    {
    }

    /**
     * @param input the input, not yet wrapped.
     * @return the bytes left from its position to its end: known for a regular file and for a block device (the
     * JDK's {@link FileChannel#size()} asks the kernel for a block device's size); -1 for a pipe, a socket, or an
     * input whose size reads as 0 (a pipe's does), since an empty regular file needs no ETA either.
     */
    static long of(final ReadableByteChannel input)
    {
        if (input instanceof FileChannel file)
        {
            try
            {
                final long size = file.size();
                return size > 0 ? Math.max(0, size - file.position()) : -1;
            }
            catch (final IOException | RuntimeException ex)
            {
                return -1;
            }
        }
        return -1;
    }
}
