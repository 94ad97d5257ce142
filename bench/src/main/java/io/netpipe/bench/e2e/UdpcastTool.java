package io.netpipe.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * udpcast ({@code udp-sender}/{@code udp-receiver}, Debian package udpcast 20120424), tuned fairly: its defaults
 * wait 2 s before starting and 0.5 s after the end, and overflow a 212 KB receive buffer (see FACTS.md).
 * Control traffic goes to the lab subnet's broadcast address (udpcast derives it from {@code eth0}; measured),
 * data to {@link Mode#GROUP} or, with {@code --broadcast}, to the subnet's broadcast address.
 * With one receiver udpcast switches to unicast (its automatic point-to-point mode): left on, as a user gets it.
 */
public record UdpcastTool() implements Tool
{
    // Every progress line is "bytes= 1 234 re-xmits=0000938 (  3.8%) slice=...": the last one is the total.
    private static final Pattern REXMITS = Pattern.compile("re-xmits=\\d+ \\(\\s*([0-9.]+)%\\)");

    @Override
    public String name()
    {
        return "udpcast";
    }

    @Override
    public List<String> senderCommand(final Path file, final int receivers, final Mode mode, final Lab lab,
        final Path report)
    {
        final List<String> cmd = new ArrayList<>(List.of(
            "udp-sender", "--nokbd", "--interface", "eth0",
            "--min-receivers", Integer.toString(receivers),
            "--rexmit-hello-interval", "100", "--slice-size", "512"));
        if (mode == Mode.BROADCAST)
        {
            cmd.add("--broadcast");
        }
        else
        {
            cmd.addAll(List.of("--mcast-data-address", Mode.GROUP));
        }
        cmd.addAll(List.of("--file", file.toString()));
        return cmd;
    }

    @Override
    public List<String> receiverCommand(final Mode mode)
    {
        return List.of("udp-receiver", "--nokbd", "--nosync", "--interface", "eth0",
            "--exit-wait", "50", "--rcvbuf", "4194304");
    }

    @Override
    public OptionalDouble retransmittedPercent(final String senderStderr, final Path report)
    {
        final Matcher m = REXMITS.matcher(senderStderr);
        String last = null;
        while (m.find())
        {
            last = m.group(1);
        }
        return last == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(last));
    }
}
