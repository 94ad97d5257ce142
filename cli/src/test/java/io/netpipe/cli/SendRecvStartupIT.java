package io.netpipe.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * send's and recv's start-up path: the build leaves an AOT cache for each (a lab starts one JVM per receiver before
 * the sender may start), a transfer started from them prints nothing it would not print without, and a cache the
 * JVM cannot use is skipped without a word on stderr.
 */
@Timeout(120)
class SendRecvStartupIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Path TARGET = SocketpipeProcess.HOME.resolve("cli").resolve("target");

    @TempDir
    Path dir;

    @Test
    void shouldBuildAnAotCacheForSendAndRecv()
    {
        for (final String command : List.of("send", "recv"))
        {
            final Path cache = TARGET.resolve(command + ".aot");
            assertTrue(Files.isRegularFile(cache) && cache.toFile().length() > 0,
                cache + " is missing: see " + TARGET.resolve("aot-train-" + command + ".log"));
        }
    }

    @Test
    void shouldTransferQuietlyFromTheCaches() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 1L << 20, 7);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process receiver = session.receiver("a", false, "-q");
            final Process sender = session.sender(1, input, "-q");

            assertEquals(0, Processes.exitCode(sender, EXIT), String.join("\n", Processes.lines(session.err("sender"))));
            assertEquals(0, Processes.exitCode(receiver, EXIT), String.join("\n", Processes.lines(session.err("a"))));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("a")));
            assertEquals(List.of(), Processes.lines(session.err("sender")));
            assertEquals(List.of(), Processes.lines(session.err("a")));
        }
    }

    @Test
    void shouldIgnoreABrokenCacheSilently() throws Exception
    {
        final Path home = copyOfInstallation();
        final String without = recvWithNoSender(home);
        final Path cache = home.resolve("cli/target/recv.aot");
        Files.writeString(cache, "not an AOT cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(60)));

        assertEquals(without, recvWithNoSender(home));
    }

    @Test
    void shouldIgnoreACacheMadeForAnotherCommandSilently() throws Exception
    {
        final Path home = copyOfInstallation();
        final String without = recvWithNoSender(home);
        // socketpipe's cache: the same jar, but another collector and -Xint, so the JVM must refuse it.
        final Path cache = home.resolve("cli/target/recv.aot");
        Files.copy(TARGET.resolve("socketpipe-local.aot"), cache);
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(60)));

        assertEquals(without, recvWithNoSender(home));
    }

    /** @return what {@code recv} prints when no session comes (its one line, exit 6), stdout and stderr merged. */
    private static String recvWithNoSender(final Path home) throws Exception
    {
        final Process process = new ProcessBuilder(home.resolve("bin/netpipe").toString(), "recv",
            "--port", String.valueOf(Processes.freePortPair()), "--timeout", "1s")
            .redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS), "still running");
        assertEquals(ExitCodes.TIMEOUT, process.exitValue(), output);
        return output;
    }

    /** @return a copy of the launcher and the jar, so a cache can be spoiled without touching the build's own. */
    private Path copyOfInstallation() throws Exception
    {
        final Path home = dir.resolve("netpipe");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("cli/target"));
        Files.copy(SocketpipeProcess.LAUNCHER, home.resolve("bin/netpipe"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(TARGET.resolve("netpipe.jar"), home.resolve("cli/target/netpipe.jar"));
        return home;
    }
}
