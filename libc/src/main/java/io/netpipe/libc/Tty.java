package io.netpipe.libc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** Whether a descriptor is a terminal, and a terminal's size: what Java has no portable way to ask. */
public final class Tty
{
    /** Linux's request number for "get window size" (asm-generic/ioctls.h). */
    private static final long TIOCGWINSZ = 0x5413;
    /** {@code sizeof(struct winsize)}: {@code unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel}. */
    private static final int WINSIZE_BYTES = 8;
    private static final CFunction ISATTY = Libc.function("isatty");

    /**
     * A terminal's size in character cells.
     *
     * @param columns cells per line.
     * @param rows    lines.
     */
    public record WindowSize(int columns, int rows)
    {
    }

    private Tty()
    {
    }

    /** @return whether {@code fd} is a terminal. */
    public static boolean isTerminal(final int fd)
    {
        return 1 == (int)ISATTY.call((long)fd);
    }

    /**
     * One system call ({@code ioctl(fd, TIOCGWINSZ)}), cheap enough to make before every redraw, so that a resized
     * window is followed without a SIGWINCH handler.
     *
     * @return the size of the terminal on {@code fd}, or null if it is not a terminal or reports no size.
     */
    public static WindowSize windowSize(final int fd)
    {
        try
        {
            return Libc.call((arena, state) ->
            {
                final MemorySegment winsize = arena.allocate(WINSIZE_BYTES, 2);
                if ((int)(long)Ioctl.HANDLE.invokeExact(state, (long)fd, TIOCGWINSZ, Libc.address(winsize)) != 0)
                {
                    return null;
                }
                final int rows = Short.toUnsignedInt(winsize.get(JAVA_SHORT, 0));
                final int columns = Short.toUnsignedInt(winsize.get(JAVA_SHORT, 2));
                return rows > 0 && columns > 0 ? new WindowSize(columns, rows) : null;
            });
        }
        catch (final PosixException ex)
        {
            return null;
        }
    }

    /** Variadic {@code ioctl}, linked (a downcall class of its own) only by a process that draws a live view. */
    private static final class Ioctl
    {
        static final MethodHandle HANDLE = Libc.variadicWithErrno("ioctl", 3, 2);
    }
}
