package io.netpipe.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Whether a standard stream is a terminal, asked of libc through the FFM API (Java has no portable way). */
final class Terminal
{
    private static final MethodHandle ISATTY;

    static
    {
        MethodHandle handle = null;
        try
        {
            final Linker linker = Linker.nativeLinker();
            handle = linker.defaultLookup().find("isatty")
                .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
                .orElse(null);
        }
        catch (final RuntimeException ex)
        {
            // No native access: behave as if nothing were a terminal.
        }
        ISATTY = handle;
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
}
