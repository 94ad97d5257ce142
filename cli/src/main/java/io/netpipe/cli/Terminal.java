package io.netpipe.cli;

import io.netpipe.libc.Tty;

/**
 * Whether standard error is a terminal, and its size (libc's {@link Tty}). The size is asked before every redraw,
 * so a resized window is followed within one redraw without a SIGWINCH handler (the JDK offers none without
 * {@code sun.misc.Signal}) and without forking {@code stty size}, whose answer would go stale.
 */
final class Terminal
{
    /** The size assumed when neither the terminal nor {@code COLUMNS}/{@code LINES} tell. */
    static final Size DEFAULT_SIZE = new Size(80, 24);

    private static final int STDERR = 2;

    /**
     * A terminal's size in character cells.
     *
     * @param columns cells per line.
     * @param rows    lines.
     */
    record Size(int columns, int rows)
    {
    }

    private Terminal()
    {
    }

    /** @return whether standard error (fd 2) is a terminal; false where native access is refused. */
    static boolean isStderrTerminal()
    {
        try
        {
            return Tty.isTerminal(STDERR);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }

    /** @return the size of the terminal on standard error, else {@code COLUMNS} and {@code LINES}, else 80x24. */
    static Size stderrSize()
    {
        try
        {
            final Tty.WindowSize size = Tty.windowSize(STDERR);
            if (null != size)
            {
                return new Size(size.columns(), size.rows());
            }
        }
        catch (final RuntimeException | LinkageError ex)
        {
            // fall back to the environment
        }
        return new Size(positive(System.getenv("COLUMNS"), DEFAULT_SIZE.columns()),
            positive(System.getenv("LINES"), DEFAULT_SIZE.rows()));
    }

    private static int positive(final String text, final int fallback)
    {
        try
        {
            final int value = null == text ? 0 : Integer.parseInt(text.trim());
            return value > 0 ? value : fallback;
        }
        catch (final NumberFormatException ex)
        {
            return fallback;
        }
    }
}
