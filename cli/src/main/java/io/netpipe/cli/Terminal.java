package io.netpipe.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Whether standard error is a terminal, and its size, asked of libc through the FFM API (Java has no portable way).
 * The size comes from {@code ioctl(2, TIOCGWINSZ)}: one system call, cheap enough to make before every redraw, so
 * a resized window is followed within one redraw without a SIGWINCH handler (the JDK offers none without
 * {@code sun.misc.Signal}) and without forking {@code stty size}, whose answer would go stale.
 */
final class Terminal
{
    /** The size assumed when neither the terminal nor {@code COLUMNS}/{@code LINES} tell. */
    static final Size DEFAULT_SIZE = new Size(80, 24);

    /** Linux's request number for "get window size" (asm-generic/ioctls.h). */
    private static final long TIOCGWINSZ = 0x5413;

    private static final MethodHandle ISATTY;
    private static final MethodHandle IOCTL;

    static
    {
        MethodHandle isatty = null;
        MethodHandle ioctl = null;
        try
        {
            final Linker linker = Linker.nativeLinker();
            isatty = linker.defaultLookup().find("isatty")
                .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
                .orElse(null);
            // ioctl is variadic: its third argument (a pointer to struct winsize) is the first variadic one.
            ioctl = linker.defaultLookup().find("ioctl")
                .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2)))
                .orElse(null);
        }
        catch (final RuntimeException ex)
        {
            // No native access: behave as if nothing were a terminal.
        }
        ISATTY = isatty;
        IOCTL = ioctl;
    }

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

    /** @return whether standard error (fd 2) is a terminal. */
    static boolean isStderrTerminal()
    {
        try
        {
            return null != ISATTY && (int)ISATTY.invokeExact(2) == 1;
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }

    /** @return the size of the terminal on standard error, else {@code COLUMNS} and {@code LINES}, else 80x24. */
    static Size stderrSize()
    {
        if (null != IOCTL)
        {
            try (Arena arena = Arena.ofConfined())
            {
                // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
                final MemorySegment winsize = arena.allocate(8, 2);
                if ((int)IOCTL.invokeExact(2, TIOCGWINSZ, winsize) == 0)
                {
                    final int rows = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 0));
                    final int columns = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
                    if (rows > 0 && columns > 0)
                    {
                        return new Size(columns, rows);
                    }
                }
            }
            catch (final Throwable ex)
            {
                // fall back to the environment
            }
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
