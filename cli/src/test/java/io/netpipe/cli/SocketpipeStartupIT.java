package io.netpipe.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * socketpipe's start-up path: the build leaves the AOT caches the launcher uses for the local side and the server
 * instance, a run with them prints nothing but the data, and a cache the JVM cannot use (another jar, another JDK,
 * a broken file) is skipped without a word on the user's terminal.
 */
@Timeout(120)
class SocketpipeStartupIT
{
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final Path TARGET = SocketpipeProcess.HOME.resolve("cli").resolve("target");

    @TempDir
    Path dir;

    @Test
    void shouldBuildAnAotCacheForBothSides()
    {
        for (final String side : List.of("local", "serve"))
        {
            final Path cache = TARGET.resolve("socketpipe-" + side + ".aot");
            assertTrue(Files.isRegularFile(cache) && cache.toFile().length() > 0,
                cache + " is missing: see " + TARGET.resolve("aot-train.log"));
        }
    }

    @Test
    void shouldPrintOnlyTheDataWhenStartingFromTheCache() throws Exception
    {
        final SocketpipeProcess.Result result = SocketpipeProcess.run(dir, LIMIT, "-b -i { echo cached } -l { env } -r { cat } -o { cat }");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("cached\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void shouldIgnoreABrokenCacheSilently() throws Exception
    {
        final Path broken = dir.resolve("broken.aot");
        Files.writeString(broken, "not an AOT cache");

        assertRunsQuietlyWithLocalCache(broken);
    }

    @Test
    void shouldIgnoreACacheMadeForAnotherJarSilently() throws Exception
    {
        assertRunsQuietlyWithLocalCache(TARGET.resolve("socketpipe-local.aot"));
    }

    /**
     * Start-up guards, in both JVMs of a run with the JVM server instance (which inherits the JVM options through
     * {@code env}): picocli never loads (its classes miss the AOT cache), and the FFM bindings spin one downcall
     * stub, the one handle every binding shares ({@code Libc}), not one per C signature or function.
     */
    @Test
    void shouldLoadNoPicocliAndOneDowncallStubInEitherJvm() throws Exception
    {
        final List<Path> logs = classLogsOfOneRun(Map.of("NETPIPE_SOCKETPIPE_SERVER", "jvm"));

        assertEquals(2, logs.size(), "one class log per JVM: " + logs);
        for (final Path log : logs)
        {
            final List<String> lines = Files.readAllLines(log);
            assertEquals(List.of(), lines.stream().filter(line -> line.contains(" picocli.")).toList(), log.toString());
            final long stubs = lines.stream().filter(line -> line.contains("DowncallStub")).count();
            assertEquals(1, stubs, log + ": downcall stubs");
        }
    }

    /** By default the launcher's shell serves the remote side: the local side is the run's only JVM. */
    @Test
    void shouldStartNoJvmForTheServerInstance() throws Exception
    {
        assertEquals(1, classLogsOfOneRun(Map.of()).size(), "JVMs started");
    }

    /** In POSIX mode the shell would end on a failed connection instead of handing over: the JVM serves. */
    @Test
    void shouldServeWithTheJvmWhenTheShellRunsInPosixMode() throws Exception
    {
        assertEquals(2, classLogsOfOneRun(Map.of("POSIXLY_CORRECT", "1")).size(), "JVMs started");
    }

    /** Without perl the shell cannot turn keep-alive on: the JVM serves. */
    @Test
    void shouldServeWithTheJvmWhereThereIsNoPerl() throws Exception
    {
        final Path bin = Files.createDirectory(dir.resolve("bin-without-perl"));
        for (final String tool : List.of("bash", "env", "echo", "cat"))
        {
            final Path found = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), found);
        }

        assertEquals(2, classLogsOfOneRun(Map.of("PATH", bin.toString())).size(), "JVMs started");
    }

    /** Runs one small pipe through {@code -l { env }} and returns the class-load log of each JVM it started. */
    private List<Path> classLogsOfOneRun(final Map<String, String> env) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(SocketpipeProcess.LAUNCHER.toString(), "socketpipe", "-b",
            "-i", "{", "echo", "lean", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}", "-o", "{", "cat", "}")
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NETPIPE_JAVA_OPTS", "-Xlog:class+load:file=" + dir.resolve("classes-%p.txt"));
        final Process run = builder.start();
        final String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "still running");
        assertEquals("lean\n", output);
        try (var files = Files.list(dir))
        {
            return files.filter(f -> f.getFileName().toString().startsWith("classes-")).toList();
        }
    }

    /** Runs a copy of the installation whose local-side cache is a copy of {@code cache}, newer than the jar. */
    private void assertRunsQuietlyWithLocalCache(final Path cache) throws Exception
    {
        final Path home = copyOfInstallation();
        final Path copy = home.resolve("cli/target/socketpipe-local.aot");
        Files.copy(cache, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));

        final Process process = new ProcessBuilder(home.resolve("bin/netpipe").toString(), "socketpipe", "-b",
            "-i", "{", "echo", "still", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}", "-o", "{", "cat", "}")
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "still running");
        assertEquals(0, process.exitValue(), output);
        assertEquals("still\n", output);
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
