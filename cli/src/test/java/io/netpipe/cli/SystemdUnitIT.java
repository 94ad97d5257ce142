package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The distribution's systemd unit ({@code dist/src/systemd/netpipe-recv.service}) runs options that exist: each
 * netpipe command line in it, the active ExecStart and the commented {@code --exec} example, parses and passes
 * recv's own checks; and {@code systemd-analyze verify} accepts the unit pointed at the built launcher.
 */
class SystemdUnitIT
{
    private static final Path UNIT = Path.of("../dist/src/systemd/netpipe-recv.service");
    private static final String NETPIPE = "/usr/bin/netpipe ";

    @TempDir
    Path dir;

    /** @return the argument lists after "netpipe" on every ExecStart line, commented or not. */
    private static List<List<String>> commandLines() throws IOException
    {
        final List<List<String>> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(UNIT))
        {
            final String bare = line.replaceFirst("^#\\s*", "");
            if (bare.startsWith("ExecStart=" + NETPIPE))
            {
                lines.add(words(bare.substring(("ExecStart=" + NETPIPE).length())));
            }
        }
        return lines;
    }

    /** Splits as systemd does for these lines: on spaces, single quotes keeping a word together. */
    private static List<String> words(final String text)
    {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (final char c : text.toCharArray())
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (!word.isEmpty())
                {
                    words.add(word.toString());
                    word.setLength(0);
                }
            }
            else
            {
                word.append(c);
            }
        }
        if (!word.isEmpty())
        {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void shouldRunOnlyRealRecvOptions() throws IOException
    {
        final List<List<String>> lines = commandLines();
        assertEquals(2, lines.size(), "the ExecStart and the --exec example: " + lines);
        for (final List<String> args : lines)
        {
            final CommandLine cmd = Netpipe.commandLine();
            final CommandLine.ParseResult parsed = cmd.parseArgs(args.toArray(String[]::new));
            final RecvCommand recv = (RecvCommand)parsed.subcommand().commandSpec().userObject();
            recv.checkOutputOptions();
            assertTrue(recv.loop, "not a --loop receiver: " + args);
        }
    }

    @Test
    @Timeout(60)
    void shouldPassSystemdAnalyzeVerify() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "no systemd-analyze here: check skipped");
        final Path unit = dir.resolve("netpipe-recv.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/usr/bin/netpipe", Processes.launcher().toString()));
        final Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString())
            .redirectErrorStream(true).start();
        final String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, verify.waitFor(50, TimeUnit.SECONDS), "systemd-analyze hung");
        assertEquals(0, verify.exitValue(), output);
        assertEquals("", output.strip());
    }
}
