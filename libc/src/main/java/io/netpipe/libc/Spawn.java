package io.netpipe.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Starts a command with {@code posix_spawnp}: its stdin, stdout and stderr are arranged with file actions
 * ({@code dup2}, {@code open}, {@code close}), every other descriptor is closed ({@code closefrom(3)}: the JVM
 * holds descriptors without close-on-exec), the signal mask is emptied and every signal is reset to its
 * default action (an ignored SIGPIPE would otherwise survive exec and change how the command ends), except the
 * signals that were already ignored when this process was started ({@link #IGNORED_AT_START}): the user's shell
 * set those, e.g. SIGHUP under {@code nohup}, and they stay ignored as they would across a plain fork and exec.
 */
public final class Spawn
{
    private static final int FILE_ACTIONS_BYTES = 80;
    private static final int ATTR_BYTES = 336;
    private static final int SIGSET_BYTES = 128;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int FIRST_UNMAPPED_FD = 3;
    private static final int LAST_SIGNAL = 64;

    /**
     * The system property through which the launcher passes the signals ignored when it was started: the
     * hexadecimal {@code SigIgn} mask of {@code /proc/self/status}, bit N-1 for signal N. The JVM changes some
     * dispositions itself, so only the launcher can read the ones the user set.
     */
    public static final String IGNORED_SIGNALS_PROPERTY = "netpipe.ignored.signals";
    /** The mask from {@link #IGNORED_SIGNALS_PROPERTY}, 0 if it is absent or malformed. */
    public static final long IGNORED_AT_START = parseMask(System.getProperty(IGNORED_SIGNALS_PROPERTY));

    private static final CFunction SPAWNP = Libc.function("posix_spawnp");
    private static final CFunction FA_INIT = Libc.function("posix_spawn_file_actions_init");
    private static final CFunction FA_DESTROY = Libc.function("posix_spawn_file_actions_destroy");
    private static final CFunction FA_DUP2 = Libc.function("posix_spawn_file_actions_adddup2");
    private static final CFunction FA_OPEN = Libc.function("posix_spawn_file_actions_addopen");
    private static final CFunction FA_CLOSE = Libc.function("posix_spawn_file_actions_addclose");
    private static final CFunction FA_CLOSEFROM = Libc.function("posix_spawn_file_actions_addclosefrom_np");
    private static final CFunction ATTR_INIT = Libc.function("posix_spawnattr_init");
    private static final CFunction ATTR_DESTROY = Libc.function("posix_spawnattr_destroy");
    private static final CFunction ATTR_FLAGS = Libc.function("posix_spawnattr_setflags");
    private static final CFunction ATTR_SIGMASK = Libc.function("posix_spawnattr_setsigmask");
    private static final CFunction ATTR_SIGDEFAULT = Libc.function("posix_spawnattr_setsigdefault");
    private static final CFunction SIGEMPTYSET = Libc.function("sigemptyset");
    private static final CFunction SIGFILLSET = Libc.function("sigfillset");
    private static final CFunction SIGDELSET = Libc.function("sigdelset");

    /**
     * One file action, applied in order in the child before exec. Each adds itself (no switch over the types: a
     * pattern switch bootstraps a call site at run time, classes a socketpipe JVM would spin at every start).
     */
    private sealed interface Action
    {
        /** @return what {@code posix_spawn_file_actions_add*} returned: 0, or an error number. */
        int addTo(Arena arena, MemorySegment fileActions);
    }

    private record Dup2(int fd, int target) implements Action
    {
        @Override
        public int addTo(final Arena arena, final MemorySegment fileActions)
        {
            return (int)FA_DUP2.call(Libc.address(fileActions), fd, target);
        }
    }

    private record Open(String path, int target, int flags) implements Action
    {
        @Override
        public int addTo(final Arena arena, final MemorySegment fileActions)
        {
            return (int)FA_OPEN.call(Libc.address(fileActions), target, Libc.address(arena.allocateFrom(path)), flags, 0L);
        }
    }

    private record Close(int target) implements Action
    {
        @Override
        public int addTo(final Arena arena, final MemorySegment fileActions)
        {
            return (int)FA_CLOSE.call(Libc.address(fileActions), target);
        }
    }

    private final List<String> argv;
    private final Map<String, String> environment;
    private final List<Action> actions = new ArrayList<>();
    private long keepIgnored = IGNORED_AT_START;

    /**
     * @param argv        the command and its arguments; the command is looked up in {@code PATH} unless it has a slash.
     * @param environment the child's whole environment.
     */
    public Spawn(final List<String> argv, final Map<String, String> environment)
    {
        if (argv.isEmpty())
        {
            throw new IllegalArgumentException("empty command");
        }
        this.argv = List.copyOf(argv);
        this.environment = Map.copyOf(environment);
    }

    /** Makes {@code target} (0, 1 or 2) in the child a copy of this process's {@code fd}. */
    public Spawn dup2(final int fd, final int target)
    {
        actions.add(new Dup2(fd, target));
        return this;
    }

    /** Opens {@code path} read-only as {@code target} in the child, e.g. {@code /dev/null} as stdin. */
    public Spawn openReadOnly(final String path, final int target)
    {
        actions.add(new Open(path, target, O_RDONLY));
        return this;
    }

    /**
     * Opens {@code path} write-only as {@code target} in the child. {@code /proc/PARENT/fd/1} gives the child its
     * own open file description of the pipe that is this process's stdout, so flags it sets (O_NONBLOCK) stay its own.
     */
    public Spawn openWriteOnly(final String path, final int target)
    {
        actions.add(new Open(path, target, O_WRONLY));
        return this;
    }

    /**
     * Sets the signals to leave as they are in the child instead of resetting them to their default: an ignored
     * one stays ignored. By default {@link #IGNORED_AT_START}.
     *
     * @param mask bit N-1 for signal N, as {@code SigIgn} in {@code /proc/PID/status}.
     */
    public Spawn keepIgnored(final long mask)
    {
        keepIgnored = mask;
        return this;
    }

    /** Closes {@code target} in the child. */
    public Spawn close(final int target)
    {
        actions.add(new Close(target));
        return this;
    }

    /**
     * Starts the child.
     *
     * @return its pid, to reap with {@link Processes#reap}.
     * @throws PosixException from {@code posix_spawnp}, e.g. {@link Errno#ENOENT} for a command not found.
     */
    public int start() throws PosixException
    {
        return Libc.call((arena, ignored) ->
        {
            final MemorySegment fileActions = arena.allocate(FILE_ACTIONS_BYTES, 8);
            final MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            checkResult("posix_spawn_file_actions_init", (int)FA_INIT.call(Libc.address(fileActions)));
            try
            {
                checkResult("posix_spawnattr_init", (int)ATTR_INIT.call(Libc.address(attr)));
                try
                {
                    addActions(arena, fileActions);
                    resetSignals(arena, attr);
                    final MemorySegment pid = arena.allocate(JAVA_INT);
                    final int error = (int)SPAWNP.call(Libc.address(pid), Libc.address(arena.allocateFrom(argv.getFirst())),
                        Libc.address(fileActions), Libc.address(attr), Libc.address(strings(arena, argv)), Libc.address(strings(arena, environmentStrings())));
                    checkResult("posix_spawnp", error);
                    return pid.get(JAVA_INT, 0);
                }
                finally
                {
                    final int unused = (int)ATTR_DESTROY.call(Libc.address(attr));
                }
            }
            finally
            {
                final int unused = (int)FA_DESTROY.call(Libc.address(fileActions));
            }
        });
    }

    private void addActions(final Arena arena, final MemorySegment fileActions) throws Throwable
    {
        for (final Action action : actions)
        {
            checkResult("posix_spawn_file_actions", action.addTo(arena, fileActions));
        }
        checkResult("posix_spawn_file_actions_addclosefrom_np", (int)FA_CLOSEFROM.call(Libc.address(fileActions),
            (long)FIRST_UNMAPPED_FD));
    }

    private void resetSignals(final Arena arena, final MemorySegment attr) throws Throwable
    {
        final MemorySegment all = arena.allocate(SIGSET_BYTES, 8);
        final MemorySegment none = arena.allocate(SIGSET_BYTES, 8);
        checkResult("sigfillset", (int)SIGFILLSET.call(Libc.address(all)));
        for (int signal = 1; signal <= LAST_SIGNAL; signal++)
        {
            if (0 != (keepIgnored & 1L << (signal - 1)))
            {
                // EINVAL for glibc's own signals (32, 33), which posix_spawn leaves alone anyway.
                final int unused = (int)SIGDELSET.call(Libc.address(all), (long)signal);
            }
        }
        checkResult("sigemptyset", (int)SIGEMPTYSET.call(Libc.address(none)));
        checkResult("posix_spawnattr_setsigdefault", (int)ATTR_SIGDEFAULT.call(Libc.address(attr), Libc.address(all)));
        checkResult("posix_spawnattr_setsigmask", (int)ATTR_SIGMASK.call(Libc.address(attr), Libc.address(none)));
        checkResult("posix_spawnattr_setflags",
            (int)ATTR_FLAGS.call(Libc.address(attr), (long)(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
    }

    /** @return the mask in {@code value} (hexadecimal, as /proc prints it), or 0 when there is none. */
    static long parseMask(final String value)
    {
        if (null == value || value.isBlank())
        {
            return 0;
        }
        try
        {
            return Long.parseUnsignedLong(value.strip(), 16);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private List<String> environmentStrings()
    {
        final List<String> entries = new ArrayList<>(environment.size());
        environment.forEach((name, value) -> entries.add(name + "=" + value));
        return entries;
    }

    /** @return a NULL-terminated {@code char *[]}. */
    /**
     * @return a NULL-terminated array of C strings, all of them in one block: one copy into native memory instead
     *     of one per string (an environment has dozens), which shows in a JVM without a JIT (socketpipe's).
     */
    private static MemorySegment strings(final Arena arena, final List<String> values)
    {
        final byte[][] encoded = new byte[values.size()][];
        int total = 0;
        for (int i = 0; i < encoded.length; i++)
        {
            encoded[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            total += encoded[i].length + 1;
        }
        final byte[] block = new byte[total];
        final MemorySegment array = arena.allocate(JAVA_LONG, encoded.length + 1L);
        final MemorySegment text = arena.allocate(total);
        int at = 0;
        for (int i = 0; i < encoded.length; i++)
        {
            System.arraycopy(encoded[i], 0, block, at, encoded[i].length);
            array.setAtIndex(JAVA_LONG, i, text.address() + at);
            at += encoded[i].length + 1; // the NUL: the block is zeroed
        }
        MemorySegment.copy(block, 0, text, JAVA_BYTE, 0, total);
        array.setAtIndex(JAVA_LONG, encoded.length, 0L);
        return array;
    }

    /** The posix_spawn family returns its error number instead of setting {@code errno}. */
    private static void checkResult(final String call, final int error) throws PosixException
    {
        if (0 != error)
        {
            throw new PosixException(call, error);
        }
    }
}
