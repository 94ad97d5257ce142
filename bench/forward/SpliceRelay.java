// The splice(2) prototype `netpipe forward` was measured against (bench.sh --splice); not part of netpipe.
// A minimal TCP relay on Linux through the FFM API: native sockets (the JDK has no public fd accessor), one
// platform thread per direction (blocking native calls would pin virtual threads), and per direction a pipe that
// splice(2) moves pages through: socket -> pipe -> socket, no copy to user space. IPv4 loopback only, no limits,
// no timeouts: just enough to compare the copy cost.
// Usage: java --enable-native-access=ALL-UNNAMED SpliceRelay.java LISTEN_PORT BACKEND_PORT
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

public class SpliceRelay
{
    static final int AF_INET = 2, SOCK_STREAM_CLOEXEC = 1 | 0x80000, O_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, F_SETPIPE_SZ = 1031, SHUT_WR = 1;
    static final int SPLICE_F_MOVE = 1, SPLICE_F_MORE = 4;
    static final long CHUNK_BYTES = 1 << 20;

    static final Linker LINKER = Linker.nativeLinker();
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    static final StructLayout STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO_VALUE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SETSOCKOPT = handle("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle LISTEN = handle("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle ACCEPT4 = handle("accept4",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle CONNECT = handle("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle PIPE2 = handle("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SPLICE = handle("splice",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    static final MethodHandle SHUTDOWN = handle("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle FCNTL = LINKER.downcallHandle(LINKER.defaultLookup().find("fcntl").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));

    static MethodHandle handle(final String name, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, ERRNO);
    }

    public static void main(final String[] args) throws Throwable
    {
        final int backendPort = Integer.parseInt(args[1]);
        final Arena arena = Arena.global();
        final MemorySegment state = arena.allocate(STATE);
        final int listener = check(state, "socket", (int)SOCKET.invokeExact(state, AF_INET, SOCK_STREAM_CLOEXEC, 0));
        final MemorySegment one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        check(state, "setsockopt", (int)SETSOCKOPT.invokeExact(state, listener, SOL_SOCKET, SO_REUSEADDR, one, 4));
        check(state, "bind", (int)BIND.invokeExact(state, listener, loopback(arena, Integer.parseInt(args[0])), 16));
        check(state, "listen", (int)LISTEN.invokeExact(state, listener, 4096));
        while (true)
        {
            final int client = (int)ACCEPT4.invokeExact(state, listener, MemorySegment.NULL, MemorySegment.NULL,
                O_CLOEXEC);
            if (client >= 0)
            {
                Thread.ofPlatform().start(() -> pair(client, backendPort));
            }
        }
    }

    static void pair(final int client, final int backendPort)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = arena.allocate(STATE);
            final int backend = (int)SOCKET.invokeExact(state, AF_INET, SOCK_STREAM_CLOEXEC, 0);
            if (0 == (int)CONNECT.invokeExact(state, backend, loopback(arena, backendPort), 16))
            {
                final Thread down = Thread.ofPlatform().start(() -> pump(backend, client));
                pump(client, backend);
                down.join();
            }
            int ignore = (int)CLOSE.invokeExact(state, client);
            ignore = (int)CLOSE.invokeExact(state, backend);
        }
        catch (final Throwable ex)
        {
            ex.printStackTrace();
        }
    }

    /** Moves src to dst through a pipe until EOF or an error, then half-closes dst. */
    static void pump(final int src, final int dst)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment state = arena.allocate(STATE);
            final MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check(state, "pipe2", (int)PIPE2.invokeExact(state, fds, O_CLOEXEC));
            final int pipeOut = fds.getAtIndex(JAVA_INT, 0), pipeIn = fds.getAtIndex(JAVA_INT, 1);
            // 1 MiB pipes (the default pipe-max-size) halve the splice calls of the default 64 KiB.
            int ignore = (int)FCNTL.invokeExact(state, pipeIn, F_SETPIPE_SZ, (int)CHUNK_BYTES);
            long n;
            while ((n = (long)SPLICE.invokeExact(state, src, MemorySegment.NULL, pipeIn, MemorySegment.NULL,
                CHUNK_BYTES, SPLICE_F_MOVE | SPLICE_F_MORE)) > 0)
            {
                while (n > 0)
                {
                    final long moved = (long)SPLICE.invokeExact(state, pipeOut, MemorySegment.NULL, dst,
                        MemorySegment.NULL, n, SPLICE_F_MOVE | SPLICE_F_MORE);
                    if (moved <= 0)
                    {
                        break;
                    }
                    n -= moved;
                }
            }
            ignore = (int)SHUTDOWN.invokeExact(state, dst, SHUT_WR);
            ignore = (int)CLOSE.invokeExact(state, pipeOut);
            ignore = (int)CLOSE.invokeExact(state, pipeIn);
        }
        catch (final Throwable ex)
        {
            ex.printStackTrace();
        }
    }

    static MemorySegment loopback(final Arena arena, final int port)
    {
        final MemorySegment address = arena.allocate(16); // struct sockaddr_in, network byte order
        address.set(JAVA_SHORT, 0, (short)AF_INET);
        address.set(JAVA_BYTE, 2, (byte)(port >> 8));
        address.set(JAVA_BYTE, 3, (byte)port);
        address.set(JAVA_BYTE, 4, (byte)127);
        address.set(JAVA_BYTE, 7, (byte)1);
        return address;
    }

    static int check(final MemorySegment state, final String call, final int result)
    {
        if (result < 0)
        {
            throw new IllegalStateException(call + " failed: errno " + (int)ERRNO_VALUE.get(state, 0L));
        }
        return result;
    }
}
