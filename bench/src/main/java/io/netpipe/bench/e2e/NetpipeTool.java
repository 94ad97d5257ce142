package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * netpipe through its launcher {@code bin/netpipe}, as a user runs it: JVM start-up is part of the measured time.
 * Two builds can run side by side: this one ("netpipe") and a baseline checkout ("baseline"). The statistics come
 * from the sender's {@code --report} JSON; a baseline built before {@code --report} existed is read from its
 * summary line on stderr instead. This build also runs with {@code --key-file} on both ends ("netpipe-keyed"), to
 * measure what authenticated sessions cost.
 *
 * @param name     the tool's name in tables.
 * @param launcher path of {@code bin/netpipe}.
 * @param reports  whether this build's sender has {@code --report}.
 * @param keyFile  the pre-shared key both ends pass as {@code --key-file}, or null for an unkeyed session.
 */
public record NetpipeTool(String name, Path launcher, boolean reports, Path keyFile) implements Tool
{
    // The sender's summary line on stderr contains "retransmitted N.N%" (builds without --report).
    private static final Pattern RETRANSMITTED = Pattern.compile("retransmitted ([0-9.]+)%");

    /**
     * @param name     the tool's name in tables.
     * @param launcher path of {@code bin/netpipe}.
     * @return the tool, having asked the build's {@code send --help} whether it writes reports.
     */
    public static NetpipeTool of(final String name, final Path launcher)
    {
        return keyed(name, launcher, null);
    }

    /**
     * @param name     the tool's name in tables.
     * @param launcher path of {@code bin/netpipe}.
     * @param keyFile  the key for both ends, or null.
     * @return the tool, having asked the build's {@code send --help} whether it writes reports.
     */
    public static NetpipeTool keyed(final String name, final Path launcher, final Path keyFile)
    {
        return new NetpipeTool(name, launcher, hasReportOption(launcher), keyFile);
    }

    private static boolean hasReportOption(final Path launcher)
    {
        try
        {
            final Process p = new ProcessBuilder(launcher.toString(), "send", "--help").redirectErrorStream(true).start();
            final String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && help.contains("--report");
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<String> senderCommand(final Path file, final int receivers, final Mode mode, final Lab lab,
        final Path report)
    {
        final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "send",
            "-n", Integer.toString(receivers),
            "--dest", mode == Mode.MULTICAST ? Mode.GROUP : lab.broadcastAddress()));
        if (reports)
        {
            cmd.addAll(List.of("--report", report.toString()));
        }
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

    /** netpipe's receivers report to the data port + 1 (STATUS, NAK, DONE), so must-hold 1 can be read on the wire. */
    @Override
    public OptionalInt feedbackPort(final int dataPort)
    {
        return OptionalInt.of(dataPort + 1);
    }

    @Override
    public OptionalDouble retransmittedPercent(final String senderStderr, final Path report)
    {
        if (reports)
        {
            return ReportFields.number(report, "retransmittedPercent");
        }
        final Matcher m = RETRANSMITTED.matcher(senderStderr);
        String last = null;
        while (m.find())
        {
            last = m.group(1);
        }
        return last == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(last));
    }
}
