package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code bench/lab.sh}: one lab of network namespaces, named with {@link #prefix()} so a benchmark and the
 * CI lab tests never share namespaces.
 */
public final class Lab implements AutoCloseable
{
    private final Path script;
    private final String prefix;
    private final String net;

    /**
     * @param script path of {@code bench/lab.sh}.
     * @param prefix namespace prefix, e.g. {@code "nplab"}.
     * @param net    first three octets of the lab's private /24, e.g. {@code "10.213.7"}.
     */
    public Lab(final Path script, final String prefix, final String net)
    {
        this.script = script;
        this.prefix = prefix;
        this.net = net;
    }

    /** @return the namespace prefix. */
    public String prefix()
    {
        return prefix;
    }

    /** @return the sender's namespace. */
    public String senderNamespace()
    {
        return prefix + "-tx";
    }

    /**
     * @param i receiver number, 1-based.
     * @return receiver {@code i}'s namespace.
     */
    public String receiverNamespace(final int i)
    {
        return prefix + "-rx" + i;
    }

    /** @return the subnet's broadcast address, a destination that exists only inside the lab. */
    public String broadcastAddress()
    {
        return net + ".255";
    }

    /**
     * Builds the lab of a scenario from scratch: receivers, loss and link speed.
     *
     * @param scenario what to build.
     * @throws IOException if {@code lab.sh} fails.
     */
    public void build(final Scenario scenario) throws IOException
    {
        // lab.sh says what it changed outside the lab (the input backlog a wide bridge needs): pass that on.
        final String said = run("up", Integer.toString(scenario.receivers())).strip();
        if (!said.isEmpty())
        {
            System.out.println(said);
        }
        if (scenario.lossAllPermille() > 0)
        {
            run("loss", "all", Integer.toString(scenario.lossAllPermille()));
        }
        if (scenario.lossOnePermille() > 0)
        {
            run("loss", "rx1", Integer.toString(scenario.worstLossPermille()));
        }
        if (scenario.gbe())
        {
            run("gbe");
        }
    }

    /**
     * Zeroes the sender's wire counters (nftables in its namespace): datagrams out to {@code dataPort}, datagrams in
     * on {@code feedbackPort}.
     *
     * @param dataPort     the data port.
     * @param feedbackPort the feedback port.
     * @throws IOException if {@code lab.sh} fails.
     */
    public void resetSenderCounters(final int dataPort, final int feedbackPort) throws IOException
    {
        run("counters", "reset", "tx", Integer.toString(dataPort), Integer.toString(feedbackPort));
    }

    /**
     * @return the sender's wire counters since the last reset: {data datagrams out, feedback datagrams in}, -1 where
     *     unknown.
     * @throws IOException if {@code lab.sh} fails.
     */
    public long[] senderCounters() throws IOException
    {
        final String[] f = run("counters", "tx").strip().split("\\s+");
        final long[] counts = {-1, -1};
        for (int i = 0; i + 1 < f.length; i += 2)
        {
            final int slot = f[i].equals("data_out") ? 0 : f[i].equals("feedback_in") ? 1 : -1;
            if (slot >= 0 && f[i + 1].matches("[0-9]+"))
            {
                counts[slot] = Long.parseLong(f[i + 1]);
            }
        }
        return counts;
    }

    /**
     * Runs a {@code lab.sh} subcommand and waits for it.
     *
     * @param args the subcommand and its arguments.
     * @return what it printed (stdout and stderr).
     * @throws IOException if it fails or takes more than a minute.
     */
    public String run(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("NPLAB_PREFIX", prefix);
        pb.environment().put("NPLAB_NET", net);
        final Process p = pb.start();
        try
        {
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IOException("lab.sh " + String.join(" ", args) + ": no answer in 60 s");
            }
            if (p.exitValue() != 0)
            {
                throw new IOException("lab.sh " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out.strip());
            }
            return out;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", ex);
        }
    }

    /** Removes the lab; never throws, so it can run on every way out. */
    @Override
    public void close()
    {
        try
        {
            run("down");
        }
        catch (final IOException ex)
        {
            System.err.println("e2e: lab.sh down failed: " + ex.getMessage());
        }
    }
}
