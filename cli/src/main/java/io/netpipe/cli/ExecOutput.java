package io.netpipe.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.TimeUnit;

import io.netpipe.receiver.FinishingOutput;

/**
 * {@code recv --exec CMD}: the stream goes to CMD's stdin, CMD run by {@code /bin/sh -c} with netpipe's stdout
 * and stderr. CMD starts only once a session admitted this receiver (a waiting receiver runs nothing), and the
 * stream succeeds only when CMD read it all and exited 0: {@link #finish()} closes its stdin and waits for it.
 * A CMD that exits or dies early fails the next write; either way the failure is named by its exit status
 * ("exec: exit status 1"), which the receiver sends to the sender.
 */
final class ExecOutput implements FinishingOutput
{
    /** How long a command that closed its stdin early gets to exit before the write fails without its status. */
    private static final long EARLY_EXIT_WAIT_MS = 5_000;
    /** How long a command whose session failed gets, after its stdin closed, before it is terminated. */
    private static final long ABANDON_WAIT_MS = 10_000;

    private final String command;
    private volatile boolean admitted;
    private Process process;
    private WritableByteChannel stdin;
    private boolean finished;

    /** @param command the shell command line. */
    ExecOutput(final String command)
    {
        this.command = command;
    }

    /** A session admitted this receiver: from now on the command may be started. */
    void admitted()
    {
        admitted = true;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        start();
        try
        {
            return stdin.write(src);
        }
        catch (final IOException ex)
        {
            // Broken pipe: the command stopped reading. Its exit status says why better than the pipe does.
            throw new IOException(verdictAfterEarlyExit(), ex);
        }
    }

    @Override
    public void finish() throws IOException
    {
        start();
        finished = true;
        try
        {
            stdin.close();
        }
        catch (final IOException ex)
        {
            throw new IOException(verdictAfterEarlyExit(), ex);
        }
        final int status = waitFor(process);
        if (status != 0)
        {
            throw new IOException(describe(status));
        }
    }

    @Override
    public boolean isOpen()
    {
        return null == process || process.isAlive();
    }

    /** A session that failed: the command gets end of input and a while to stop, then is terminated. */
    @Override
    public synchronized void close() throws IOException
    {
        if (null == process && admitted)
        {
            start(); // an empty stream still runs the command, as an empty -o file is still created
        }
        if (null == process || finished)
        {
            return;
        }
        finished = true;
        try
        {
            stdin.close();
        }
        catch (final IOException ex)
        {
            // It stopped reading already; its exit is waited for below.
        }
        try
        {
            if (!process.waitFor(ABANDON_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroy();
                if (!process.waitFor(ABANDON_WAIT_MS, TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @return "exec: exit status N", with the signal when N is 128 + a signal number (the shell's convention). */
    static String describe(final int status)
    {
        return "exec: exit status " + status + (status > 128 && status < 128 + 65 ? " (signal " + (status - 128) +
            ")" : "");
    }

    private synchronized void start() throws IOException
    {
        if (null != process)
        {
            return;
        }
        try
        {
            process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        }
        catch (final IOException ex)
        {
            throw new IOException("exec: cannot run /bin/sh: " + ex.getMessage(), ex);
        }
        final OutputStream in = process.getOutputStream();
        stdin = Channels.newChannel(in);
    }

    private String verdictAfterEarlyExit()
    {
        try
        {
            if (process.waitFor(EARLY_EXIT_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                final int status = process.exitValue();
                return status != 0 ? describe(status) :
                    "exec: the command exited (status 0) without reading the whole stream";
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return "exec: the command stopped reading its input";
    }

    private static int waitFor(final Process process) throws IOException
    {
        try
        {
            // No limit: a command may rightly take long after its input ended (dd flushing a disk's cache).
            return process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("exec: interrupted while waiting for the command", ex);
        }
    }
}
