package io.netpipe.libc;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(20)
class SpawnTest
{
    private static final Map<String, String> ENV = System.getenv();
    /** Bits for signals 1 to 31 in a /proc/PID/status signal mask. */
    private static final long STANDARD_SIGNALS = 0x7fffffffL;
    private static final int SIGPIPE = 13;
    private static final long SIG_IGN = 1;

    private int listener = -1;
    private int near = -1;
    private int far = -1;

    @BeforeEach
    void connectPair() throws PosixException
    {
        listener = Sockets.listen(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 1);
        near = Sockets.connect(Sockets.localAddress(listener));
        far = Sockets.accept(listener);
    }

    @AfterEach
    void closeAll()
    {
        Sockets.closeQuietly(listener);
        Sockets.closeQuietly(near);
        Sockets.closeQuietly(far);
    }

    @Test
    void shouldGiveChildTheSocketAsStdinAndStdout() throws Exception
    {
        final int pid = new Spawn(List.of("tr", "a-z", "A-Z"), ENV).dup2(far, 0).dup2(far, 1).start();
        Sockets.closeQuietly(far);
        far = -1;

        SocketIo.sendAll(near, "hello".getBytes(StandardCharsets.US_ASCII));
        Sockets.shutdown(near, Sockets.SHUT_WR);

        assertEquals("HELLO", readAll(near));
        assertEquals(0, WaitStatus.exitCode(Processes.reap(pid)));
    }

    @Test
    void shouldLeaveChildOnlyDescriptorsZeroToTwo() throws Exception
    {
        final int pid = new Spawn(List.of("cat"), ENV).dup2(far, 0).dup2(far, 1).start();
        try
        {
            // Once cat has echoed a byte it is past its start-up (which opens locale files for a moment) and
            // blocked in its copy loop, so its descriptor table can be looked at from outside.
            SocketIo.sendAll(near, new byte[] {'x'});
            assertEquals(1, SocketIo.recv(near, new byte[1], 0, 1));

            assertEquals(List.of("0", "1", "2"), descriptors(pid));
        }
        finally
        {
            Sockets.shutdown(near, Sockets.SHUT_WR);
            Processes.reap(pid);
        }
    }

    @Test
    @SuppressWarnings("restricted")
    void shouldResetSignalMaskAndIgnoredSignals() throws Throwable
    {
        // Ignore SIGPIPE in this JVM, as a parent such as a CI runner may have done: the child must not inherit it.
        final MethodHandle signal = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        final MemorySegment previous = (MemorySegment)signal.invokeExact(SIGPIPE, MemorySegment.ofAddress(SIG_IGN));
        final int pid;
        try
        {
            assertEquals(1L << (SIGPIPE - 1), mask(Files.readAllLines(Path.of("/proc/self/status")), "SigIgn:") & 1L << (SIGPIPE - 1));
            pid = new Spawn(List.of("cat"), ENV).dup2(far, 0).start();
        }
        finally
        {
            final MemorySegment ignored = (MemorySegment)signal.invokeExact(SIGPIPE, previous);
        }
        try
        {
            final List<String> status = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"));

            assertEquals(0L, mask(status, "SigBlk:"));
            // Signals 32 and 33 are glibc's own (thread cancellation, setxid): posix_spawn leaves them ignored
            // and the new program's C library takes them over. Every standard signal must be at its default.
            assertEquals(0L, mask(status, "SigIgn:") & STANDARD_SIGNALS);
        }
        finally
        {
            Sockets.shutdown(near, Sockets.SHUT_WR);
            Processes.reap(pid);
        }
    }

    @Test
    @SuppressWarnings("restricted")
    void shouldKeepIgnoredTheSignalsThatWereIgnoredAtStart() throws Throwable
    {
        // As under nohup: the signal was ignored before this process started, so the child keeps it ignored.
        final MethodHandle signal = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        final MemorySegment previous = (MemorySegment)signal.invokeExact(SIGPIPE, MemorySegment.ofAddress(SIG_IGN));
        final int pid;
        try
        {
            pid = new Spawn(List.of("cat"), ENV).dup2(far, 0).keepIgnored(1L << (SIGPIPE - 1)).start();
        }
        finally
        {
            final MemorySegment ignored = (MemorySegment)signal.invokeExact(SIGPIPE, previous);
        }
        try
        {
            final List<String> status = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"));

            assertEquals(1L << (SIGPIPE - 1), mask(status, "SigIgn:") & STANDARD_SIGNALS);
        }
        finally
        {
            Sockets.shutdown(near, Sockets.SHUT_WR);
            Processes.reap(pid);
        }
    }

    @Test
    void shouldReadTheIgnoredSignalsMaskAsProcPrintsIt()
    {
        assertEquals(0x1001L, Spawn.parseMask("0000000000001001"));
        assertEquals(0L, Spawn.parseMask(null));
        assertEquals(0L, Spawn.parseMask("not hex"));
    }

    @Test
    void shouldOpenDevNullAsStdin() throws Exception
    {
        final int pid = new Spawn(List.of("sh", "-c", "cat; exit 3"), ENV).openReadOnly("/dev/null", 0).dup2(far, 1).start();
        Sockets.closeQuietly(far);
        far = -1;

        assertEquals("", readAll(near));
        assertEquals(3, WaitStatus.exitCode(Processes.reap(pid)));
    }

    @Test
    void shouldCloseStdoutInChild() throws Exception
    {
        final int pid = new Spawn(List.of("sh", "-c", "[ -e /proc/self/fd/1 ] && exit 1; exit 0"), ENV).close(1).start();

        assertEquals(0, WaitStatus.exitCode(Processes.reap(pid)));
    }

    @Test
    void shouldReportSignalAs128PlusSignalNumber() throws Exception
    {
        final int pid = new Spawn(List.of("sh", "-c", "kill -TERM $$"), ENV).start();

        final int status = Processes.reap(pid);

        assertEquals(15, WaitStatus.termSignal(status));
        assertEquals(143, WaitStatus.exitCode(status));
    }

    @Test
    void shouldSignalChildNotYetReaped() throws Exception
    {
        final int pid = new Spawn(List.of("sleep", "30"), ENV).start();

        Processes.signal(pid, Processes.SIGTERM);
        Processes.awaitExit(pid);

        assertEquals(143, WaitStatus.exitCode(Processes.reap(pid)));
    }

    @Test
    void shouldFailWithEnoentForUnknownCommand()
    {
        final PosixException ex = assertThrows(PosixException.class,
            () -> new Spawn(List.of("no-such-command-for-netpipe"), ENV).start());

        assertEquals(Errno.ENOENT, ex.errno());
    }

    private static List<String> descriptors(final int pid) throws IOException
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Integer.toString(pid), "fd")))
        {
            return fds.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long mask(final List<String> lines, final String prefix)
    {
        final String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return Long.parseUnsignedLong(line.substring(prefix.length()).strip(), 16);
    }

    private static String readAll(final int fd) throws PosixException
    {
        final StringBuilder text = new StringBuilder();
        final byte[] buffer = new byte[4096];
        int n;
        while ((n = SocketIo.recv(fd, buffer, 0, buffer.length)) > 0)
        {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
