package io.netpipe.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * netpipe through its launcher {@code bin/netpipe}, as a user runs it: JVM start-up is part of the measured time.
 * Two builds can run side by side: this one ("netpipe") and a baseline checkout ("baseline"); and this build with
 * {@code --key-file} on both ends ("netpipe-keyed"), to measure what authenticated sessions cost.
 *
 * @param name     the tool's name in tables.
 * @param launcher path of {@code bin/netpipe}.
 * @param keyFile  the pre-shared key both ends pass as {@code --key-file}, or null for an unkeyed session.
 */
public record NetpipeTool(String name, Path launcher, Path keyFile) implements Tool
{
    /** An unkeyed netpipe. */
    public NetpipeTool(final String name, final Path launcher)
    {
        this(name, launcher, null);
    }

    // The sender's summary line on stderr contains "retransmitted N.N%".
    private static final Pattern RETRANSMITTED = Pattern.compile("retransmitted ([0-9.]+)%");

    @Override
    public List<String> senderCommand(final Path file, final int receivers, final Mode mode, final Lab lab)
    {
        final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "send",
            "-n", Integer.toString(receivers),
            "--dest", mode == Mode.MULTICAST ? Mode.GROUP : lab.broadcastAddress()));
        keyed(cmd);
        cmd.add(file.toString());
        return cmd;
    }

    @Override
    public List<String> receiverCommand(final Mode mode)
    {
        // Plain recv, as a user types it: it learns the group from the session announcement.
        final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "recv"));
        keyed(cmd);
        return cmd;
    }

    private void keyed(final List<String> cmd)
    {
        if (null != keyFile)
        {
            cmd.add("--key-file");
            cmd.add(keyFile.toString());
        }
    }

    @Override
    public OptionalDouble retransmittedPercent(final String senderStderr)
    {
        final Matcher m = RETRANSMITTED.matcher(senderStderr);
        String last = null;
        while (m.find())
        {
            last = m.group(1);
        }
        return last == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(last));
    }
}
