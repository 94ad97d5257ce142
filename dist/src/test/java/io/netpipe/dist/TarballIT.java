package io.netpipe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as a user gets it: extracted into an empty directory and run with no Java anywhere on PATH and
 * {@code JAVA_HOME} unset, so only its bundled runtime can run it.
 */
class TarballIT
{
    /** The only programs on PATH: what the launcher and these tests' commands use, and no java. */
    private static final List<String> TOOLS = List.of("readlink", "env", "cat", "head", "sh", "bash", "tr");

    @TempDir
    Path dir;

    private Path home;
    private Map<String, String> env;

    @BeforeEach
    void extract() throws Exception
    {
        final Path tarball = Shell.dist().resolve("netpipe-" + Shell.version() + "-linux-x64.tar.gz");
        assertTrue(Files.isRegularFile(tarball), "mvn package did not build " + tarball);
        final Shell.Result tar = Shell.run(List.of("tar", "-xzf", tarball.toString()), Map.of("PATH", "/usr/bin:/bin"), dir);
        assertEquals(0, tar.status(), tar.output());
        home = dir.resolve("netpipe-" + Shell.version());
        final Path tools = Files.createDirectories(dir.resolve("tools"));
        for (final String tool : TOOLS)
        {
            final Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Files.createSymbolicLink(tools.resolve(tool), real.toRealPath());
        }
        env = Map.of("PATH", tools.toString(), "HOME", dir.toString(), "LANG", "C.UTF-8");
    }

    @Test
    @Timeout(120)
    void shouldReplicateOverLoopbackWithItsOwnRuntimeOnly() throws Exception
    {
        final Path java = LoopbackCopy.assertReplicates(home.resolve("bin/netpipe"), env, dir, 2);
        assertEquals(home.resolve("runtime/bin/java").toRealPath(), java.toRealPath(), "the JVM that ran netpipe");
    }

    @Test
    @Timeout(60)
    void shouldNameVersionAndBuildCommit() throws Exception
    {
        final Shell.Result result = Shell.run(List.of(home.resolve("bin/netpipe").toString(), "--version"), env, dir);
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().matches("netpipe " + Shell.version().replace(".", "\\.") +
            " \\(commit [^ )]+\\) on Java 25[^\\n]*\\n"), result.output());
        if (insideGitCheckout())
        {
            assertFalse(result.output().contains("(commit unknown)"), "built from a git checkout: " + result.output());
        }
    }

    @Test
    @Timeout(60)
    void shouldRunSocketpipesRemoteSideFromItsOwnLauncher() throws Exception
    {
        // The login command finds no netpipe on PATH: the remote side must be this tree's bin/netpipe.
        final Shell.Result result = Shell.run(List.of(home.resolve("bin/netpipe").toString(), "socketpipe",
            "-i", "{", "head", "-c", "5", "/dev/zero", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}",
            "-o", "{", "tr", "\\000", "x", "}"), env, dir);
        assertEquals(0, result.status(), result.output());
        assertEquals("xxxxx", result.output());
    }

    @Test
    @Timeout(60)
    void shouldBundleOnlyTheModulesNetpipeNeeds() throws Exception
    {
        final Shell.Result modules = Shell.run(List.of(home.resolve("runtime/bin/java").toString(), "--list-modules"),
            env, dir);
        assertEquals(0, modules.status(), modules.output());
        assertTrue(modules.output().contains("java.base@25"), modules.output());
        for (final String unneeded : List.of("java.desktop", "java.sql", "jdk.compiler", "jdk.jshell"))
        {
            assertFalse(modules.output().contains(unneeded + "@"), unneeded + " in " + modules.output());
        }
    }

    @Test
    @Timeout(60)
    void shouldShipCompletionThatLoadsInBashAndManPages() throws Exception
    {
        final Shell.Result complete = Shell.run(List.of("bash", "-c",
            "source " + home.resolve("completion/netpipe.bash") + " && complete -p netpipe"), env, dir);
        assertEquals(0, complete.status(), complete.output());
        assertTrue(complete.output().contains(" netpipe"), complete.output());
        for (final String page : List.of("netpipe", "netpipe-send", "netpipe-recv", "netpipe-socketpipe", "netpipe-forward"))
        {
            final Path file = home.resolve("man/man1/" + page + ".1");
            assertTrue(Files.readString(file).contains("\n.TH "), "not a man page: " + file);
        }
        assertTrue(Files.readString(home.resolve("systemd/netpipe-recv.service")).contains("recv --loop"));
    }

    private static boolean insideGitCheckout() throws IOException, InterruptedException
    {
        final Path root = Shell.dist().toAbsolutePath().getParent().getParent();
        return Shell.onPath("git") && 0 == Shell.run(List.of("git", "rev-parse", "HEAD"), Map.of("PATH", "/usr/bin:/bin"), root).status();
    }
}
