package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's live view as an operator sees it: under a real terminal (a tmux pane, captured mid-transfer and at
 * the end) one row per receiver with its state, a forged host name shown escaped; into a log, plain lines only.
 * Three receivers on loopback broadcast, the sender rate-limited so the transfer has a middle.
 */
class LiveViewIT
{
    private static final Duration EXIT = Duration.ofSeconds(120);
    /** Receiver c reports a host name with an escape sequence that would turn the screen red. */
    private static final List<String> NAMES = List.of("lab-a", "lab-b", "lab-c\u001b[31m");
    private static final List<String> SHOWN = List.of("lab-a", "lab-b", "lab-c\\x1b[31m");

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldShowOneRowPerReceiverInATerminalMidTransferAndAtTheEnd() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")) || onPath("tmux"), "tmux is not installed: no terminal to test the live view in");
        final Path input = Processes.randomFile(dir.resolve("in"), 12L << 20, 3);
        final String socket = "netpipe-liveview-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final List<Process> receivers = startReceivers(session);
            final String send = String.join(" ", quote(Processes.launcher().toString()), "send", "-n", "3", "--dest",
                LoopbackSession.BROADCAST, "--port", String.valueOf(session.port()), "--rate", "3M",
                "<", quote(input.toString()), ">", quote(dir.resolve("sender.out").toString()));
            // The pane stays after the sender exits (the sleep), so its last screen can be read, with its exit code.
            tmux(socket, "-f", "/dev/null", "new-session", "-d", "-x", "132", "-y", "30",
                send + "; echo netpipe-exit=$?; sleep 600");
            try
            {
                final String[] mid = {""};
                final Pattern totalsWithEta = Pattern.compile("(?m)^sent .* of 12\\.00 MiB .*ETA \\d+:\\d\\d");
                // The first redraw with three rows may come before any receiver has confirmed a byte (no rate yet,
                // so no ETA): wait for the view a user sees mid-transfer, or for the end.
                Processes.await("three ACTIVE rows and a totals line with an ETA in the pane", EXIT, () ->
                {
                    mid[0] = capture(socket);
                    return mid[0].contains("netpipe-exit=") ||
                        rowsIn(mid[0], "ACTIVE") == 3 && totalsWithEta.matcher(mid[0]).find();
                });
                assertFalse(mid[0].contains("netpipe-exit="), "captured mid-transfer, not after:\n" + mid[0]);

                final String[] end = {""};
                Processes.await("the sender's exit", EXIT, () ->
                {
                    end[0] = capture(socket);
                    return end[0].contains("netpipe-exit=");
                });
                assertTrue(end[0].contains("netpipe-exit=0"), end[0]);
                assertEquals(3, rowsIn(end[0], "DONE"), "one DONE row per receiver:\n" + end[0]);
                assertFalse(end[0].contains("\u001b"), "the forged name is escaped:\n" + end[0]);
                assertOutputs(session, receivers, input);
            }
            finally
            {
                tmux(socket, "kill-server");
            }
        }
    }

    @Test
    @Timeout(180)
    void shouldPrintPlainLinesWhenStderrIsNotATerminal() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 8L << 20, 4);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final List<Process> receivers = startReceivers(session);
            final Process sender = session.sender(3, input, "--rate", "3M", "--progress-every", "1s");
            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            assertOutputs(session, receivers, input);

            final String err = Files.readString(session.err("sender"), StandardCharsets.UTF_8);
            assertFalse(err.contains("\u001b"), "no escape sequences:\n" + err);
            assertFalse(err.contains("\r"), "no carriage returns:\n" + err);
            for (final String line : err.lines().toList())
            {
                assertTrue(line.startsWith("netpipe send: "), "only netpipe's own lines, not: " + line);
            }
            for (final String name : SHOWN)
            {
                final String row = "netpipe send: receiver " + name + " 127.0.0.1:";
                assertTrue(err.lines().anyMatch(l -> l.startsWith(row) && l.contains(" ACTIVE at ")),
                    "a periodic line mid-transfer for " + name + ":\n" + err);
                assertTrue(err.lines().anyMatch(l -> l.startsWith(row) && l.contains(" DONE at 8.00 MiB (100%)")),
                    "a final line for " + name + ":\n" + err);
            }
            assertTrue(err.lines().anyMatch(l -> l.matches("netpipe send: sent .* of 8\\.00 MiB .*ETA \\d+:\\d\\d")),
                "a periodic totals line with an ETA:\n" + err);
        }
    }

    private static List<Process> startReceivers(final LoopbackSession session) throws IOException
    {
        final List<Process> receivers = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++)
        {
            session.env(Map.of("HOSTNAME", NAMES.get(i)));
            receivers.add(session.receiver("r" + i, false, "-q"));
        }
        return receivers;
    }

    private static void assertOutputs(final LoopbackSession session, final List<Process> receivers, final Path input)
        throws Exception
    {
        final String expected = Processes.sha256(input);
        for (int i = 0; i < receivers.size(); i++)
        {
            assertEquals(0, Processes.exitCode(receivers.get(i), EXIT), String.join("\n", Processes.lines(session.err("r" + i))));
            assertEquals(expected, Processes.sha256(session.out("r" + i)), "receiver r" + i);
        }
    }

    /** @return rows of the receiver table in {@code screen} in {@code state}, counted once per receiver. */
    private static int rowsIn(final String screen, final String state)
    {
        int rows = 0;
        for (final String name : SHOWN)
        {
            final Pattern row = Pattern.compile("(?m)^" + Pattern.quote(name) + " +127\\.0\\.0\\.1:\\d+ +" + state + " ");
            rows += row.matcher(screen).find() ? 1 : 0;
        }
        return rows;
    }

    private static String capture(final String socket)
    {
        try
        {
            return tmux(socket, "capture-pane", "-p");
        }
        catch (final IOException | InterruptedException ex)
        {
            return "";
        }
    }

    private static String tmux(final String socket, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
        return out;
    }

    private static boolean onPath(final String program)
    {
        final String path = System.getenv("PATH");
        return null != path && java.util.Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static String quote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
