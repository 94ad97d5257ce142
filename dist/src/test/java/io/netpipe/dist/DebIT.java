package io.netpipe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed with {@code dpkg -i} on this machine, used, and removed. Runs only as root, and never over
 * a netpipe package that was already installed; the package is purged after the last test even when one fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DebIT
{
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");
    private static final List<Path> INSTALLED = List.of(Path.of("/opt/netpipe"), Path.of("/usr/bin/netpipe"),
        Path.of("/usr/share/man/man1/netpipe.1.gz"), Path.of("/usr/share/man/man1/netpipe-recv.1.gz"),
        Path.of("/usr/share/bash-completion/completions/netpipe"), Path.of("/lib/systemd/system/netpipe-recv.service"));

    @TempDir
    static Path dir;

    private boolean installed;

    @BeforeAll
    void install() throws Exception
    {
        assumeTrue("root".equals(System.getProperty("user.name")), "the .deb test needs root for dpkg -i: skipped");
        assumeTrue(Shell.onPath("dpkg"), "no dpkg on this machine: .deb test skipped");
        assumeTrue(0 != sh("dpkg -s netpipe").status(), "a netpipe package is already installed: .deb test skipped");
        final Path deb = Shell.dist().resolve("netpipe_" + Shell.version().replace('-', '~') + "_amd64.deb");
        assertTrue(Files.isRegularFile(deb), "mvn package did not build " + deb);
        installed = true;
        final Shell.Result result = Shell.run(List.of("dpkg", "-i", deb.toString()), ENV, dir);
        assertEquals(0, result.status(), result.output());
    }

    @AfterAll
    void purgeEvenAfterAFailure() throws Exception
    {
        if (installed && 0 == sh("dpkg -s netpipe").status())
        {
            sh("dpkg -P netpipe");
        }
    }

    @Test
    @Order(1)
    @Timeout(120)
    void shouldPutNetpipeOnPathRunningItsBundledRuntime() throws Exception
    {
        assertEquals(Path.of("/opt/netpipe/bin/netpipe"), Path.of("/usr/bin/netpipe").toRealPath());
        final Path java = LoopbackCopy.assertReplicates(Path.of("netpipe"), ENV, dir, 1);
        assertEquals(Path.of("/opt/netpipe/runtime/bin/java"), java.toRealPath());
        final Shell.Result version = sh("netpipe --version");
        assertTrue(version.output().startsWith("netpipe " + Shell.version() + " (commit "), version.output());
    }

    @Test
    @Order(2)
    @Timeout(60)
    void shouldShowTheManPage() throws Exception
    {
        assumeTrue(Shell.onPath("man"), "man is not installed here (apt-get install man-db): man page check skipped");
        // Slim Debian images tell dpkg not to install man pages at all.
        assumeTrue(Files.exists(Path.of("/usr/share/man/man1/netpipe.1.gz"))
            || 0 != sh("grep -rqs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d").status(),
            "dpkg is configured to drop man pages on this machine: man page check skipped");
        final Shell.Result page = sh("MANPAGER=cat MANWIDTH=100 man netpipe-send");
        assertEquals(0, page.status(), page.output());
        assertTrue(page.output().contains("netpipe-send - Replicate stdin"), page.output());
        assertTrue(sh("MANPAGER=cat man netpipe").output().contains("recv"));
    }

    @Test
    @Order(3)
    @Timeout(60)
    void shouldLoadBashCompletion() throws Exception
    {
        final Shell.Result complete = sh("bash -c 'source /usr/share/bash-completion/completions/netpipe && complete -p netpipe'");
        assertEquals(0, complete.status(), complete.output());
        assertTrue(complete.output().contains(" netpipe"), complete.output());
    }

    @Test
    @Order(4)
    @Timeout(60)
    void shouldInstallAValidSystemdUnit() throws Exception
    {
        assumeTrue(Shell.onPath("systemd-analyze"), "no systemd-analyze here: unit check skipped");
        final Shell.Result verify = sh("systemd-analyze verify /lib/systemd/system/netpipe-recv.service");
        assertEquals(0, verify.status(), verify.output());
    }

    @Test
    @Order(5)
    @Timeout(120)
    void shouldLeaveNothingBehindWhenRemovedAndPurged() throws Exception
    {
        final Shell.Result remove = sh("dpkg -r netpipe");
        assertEquals(0, remove.status(), remove.output());
        for (final Path path : INSTALLED)
        {
            assertFalse(Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS), "left after dpkg -r: " + path);
        }
        final Shell.Result purge = sh("dpkg -P netpipe");
        assertEquals(0, purge.status(), purge.output());
        assertTrue(0 != sh("dpkg -s netpipe").status(), "still known to dpkg after purge");
    }

    private Shell.Result sh(final String command) throws Exception
    {
        return Shell.run(List.of("sh", "-c", command), ENV, dir);
    }
}
