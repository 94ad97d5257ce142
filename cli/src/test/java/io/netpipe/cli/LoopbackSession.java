package io.netpipe.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sender and receivers as real processes on loopback broadcast ({@code 127.255.255.255}, receivers sharing the
 * data port), on a random free port pair so concurrent runs do not meet. Kills whatever is left on close.
 */
final class LoopbackSession implements AutoCloseable
{
    static final String BROADCAST = "127.255.255.255";

    private final Path dir;
    private final int port = Processes.freePortPair();
    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> env = Map.of();

    LoopbackSession(final Path dir)
    {
        this.dir = dir;
    }

    int port()
    {
        return port;
    }

    /** @param env environment for every process started after this call. */
    LoopbackSession env(final Map<String, String> env)
    {
        this.env = env;
        return this;
    }

    /** @return the output file of the named receiver. */
    Path out(final String name)
    {
        return dir.resolve(name + ".out");
    }

    /** @return the stderr capture of the named process. */
    Path err(final String name)
    {
        return dir.resolve(name + ".err");
    }

    /**
     * Starts a receiver writing to {@link #out(String)}, or to a pipe when {@code toPipe}.
     *
     * @param name   its name.
     * @param toPipe whether stdout is a pipe the test reads.
     * @param extra  more arguments.
     * @return the process.
     * @throws IOException when it cannot start.
     */
    Process receiver(final String name, final boolean toPipe, final String... extra) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("recv", "--port", String.valueOf(port), "--timeout", "60s"));
        args.addAll(List.of(extra));
        return track(Processes.start(args, env, null, toPipe ? null : out(name), err(name)));
    }

    /**
     * Starts the sender with {@code input} as stdin, or a pipe the test writes when it is {@code null}.
     *
     * @param receivers how many receivers to wait for.
     * @param input     the stdin file, or {@code null}.
     * @param extra     more arguments.
     * @return the process.
     * @throws IOException when it cannot start.
     */
    Process sender(final int receivers, final Path input, final String... extra) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("send", "-n", String.valueOf(receivers), "--dest", BROADCAST,
            "--port", String.valueOf(port)));
        args.addAll(List.of(extra));
        return track(Processes.start(args, env, input, dir.resolve("sender.out"), err("sender")));
    }

    private Process track(final Process process)
    {
        processes.add(process);
        return process;
    }

    @Override
    public void close()
    {
        for (final Process process : processes)
        {
            process.destroyForcibly();
        }
    }
}
