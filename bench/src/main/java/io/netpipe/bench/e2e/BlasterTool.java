package io.netpipe.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling ({@code io.netpipe.bench.blast.Blaster}): the Linux transport at netpipe's datagram size with no
 * protocol. It repairs nothing, so its output is not the stream: its rate is what the slowest receiver got.
 *
 * @param java the java launcher (this JVM's).
 * @param jar  the benchmarks jar that holds the blaster.
 */
public record BlasterTool(Path java, Path jar) implements Tool
{
    private static final Pattern RECEIVED = Pattern.compile("received (\\d+) of (-?\\d+) bytes");

    @Override
    public String name()
    {
        return "blaster";
    }

    @Override
    public List<String> senderCommand(final Path file, final int receivers, final Mode mode, final Lab lab,
        final Path report)
    {
        final List<String> cmd = launcher();
        cmd.addAll(List.of("send", mode == Mode.MULTICAST ? Mode.GROUP : lab.broadcastAddress(), "9000",
            file.toString()));
        return cmd;
    }

    @Override
    public List<String> receiverCommand(final Mode mode)
    {
        final List<String> cmd = launcher();
        cmd.addAll(mode == Mode.MULTICAST ? List.of("recv", "9000", Mode.GROUP, "eth0") : List.of("recv", "9000"));
        return cmd;
    }

    private List<String> launcher()
    {
        return new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", jar.toString(),
            "io.netpipe.bench.blast.Blaster"));
    }

    @Override
    public OptionalDouble retransmittedPercent(final String senderStderr, final Path report)
    {
        return OptionalDouble.empty();
    }

    @Override
    public boolean deliversStream()
    {
        return false;
    }

    @Override
    public OptionalDouble deliveredFraction(final String receiverStderr)
    {
        final Matcher m = RECEIVED.matcher(receiverStderr);
        if (!m.find())
        {
            return OptionalDouble.empty();
        }
        final double expected = Double.parseDouble(m.group(2));
        return expected > 0 ? OptionalDouble.of(Double.parseDouble(m.group(1)) / expected) : OptionalDouble.empty();
    }
}
