package io.netpipe.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * {@code recv -o FILE}, opened only once a session admitted this receiver: a receiver that never finds a session,
 * or is left out of one, leaves an existing FILE as it was. The writer's first write opens it; a session that
 * ends before any byte was written opens it at close (an empty stream makes an empty file). A regular file is
 * created or truncated; anything else (a block device, a FIFO, {@code /dev/null}) is opened for writing only,
 * never truncated.
 */
final class OutputFile implements WritableByteChannel
{
    private final Supplier<Path> pathAtAdmission;
    private volatile Path path;
    private volatile boolean admitted;
    private FileChannel channel;
    private boolean closed;

    /** @param path the file. */
    OutputFile(final Path path)
    {
        this(() -> path);
    }

    /** @param pathAtAdmission names the file when a session admits this receiver ({@code -o} placeholders). */
    OutputFile(final Supplier<Path> pathAtAdmission)
    {
        this.pathAtAdmission = pathAtAdmission;
    }

    /** A session admitted this receiver: from now on the file may be opened (on the receiver's network thread). */
    void admitted()
    {
        path = pathAtAdmission.get();
        admitted = true;
    }

    /** @return the file, once a session admitted this receiver, else {@code null}. */
    Path path()
    {
        return path;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        return open().write(src);
    }

    @Override
    public boolean isOpen()
    {
        return !closed;
    }

    @Override
    public synchronized void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null == channel && admitted)
        {
            open();
        }
        if (null != channel)
        {
            channel.close();
        }
    }

    private synchronized FileChannel open() throws IOException
    {
        if (null == channel)
        {
            channel = Files.exists(path) && !Files.isRegularFile(path) ?
                FileChannel.open(path, StandardOpenOption.WRITE) :
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }
        return channel;
    }
}
