package io.netpipe.socketpipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code ssh -G} through fake ssh scripts first on a private PATH: nothing connects anywhere. */
@Timeout(20)
class SshConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFindTheSshWordAtTheStart()
    {
        assertEquals(0, SshConfig.sshWord(List.of("ssh", "-p", "22", "host")));
    }

    @Test
    void shouldFindTheSshWordByItsFileNameAfterOtherCommands()
    {
        assertEquals(3, SshConfig.sshWord(List.of("sudo", "-u", "bob", "/usr/bin/ssh", "host")));
    }

    @Test
    void shouldFindNoSshWordInALocalLogin()
    {
        assertEquals(-1, SshConfig.sshWord(List.of("env", "SSH=ssh2", "sshd", "/opt/ssh/bin/netpipe")));
    }

    @Test
    void shouldReturnTheHostnameSshPrints() throws Exception
    {
        fakeSsh("printf 'user root\\nhostname 127.0.0.2\\nport 2222\\n'");

        assertEquals("127.0.0.2", SshConfig.hostname(List.of("ssh", "backup"), 0, path()));
    }

    @Test
    void shouldPassDashGAndTheWordsAfterTheSshWord() throws Exception
    {
        final Path args = dir.resolve("args");
        fakeSsh("printf '%s\\n' \"$*\" > '" + args + "'; echo hostname x");

        SshConfig.hostname(List.of("sudo", "-u", "bob", "ssh", "-p", "22", "-o", "BatchMode=yes", "backup"), 3, path());

        assertEquals("-G -p 22 -o BatchMode=yes backup\n", Files.readString(args));
    }

    @Test
    void shouldRunTheSshWordItselfWhenItIsAPath() throws Exception
    {
        final Path ssh = script(Files.createDirectories(dir.resolve("opt")).resolve("ssh"), "echo hostname 127.0.0.9");

        assertEquals("127.0.0.9", SshConfig.hostname(List.of(ssh.toString(), "backup"), 0, Map.of("PATH", "/nonexistent")));
    }

    @Test
    void shouldFailWithTheStatusAndFirstLineWhenSshFails() throws Exception
    {
        fakeSsh("echo 'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy]' >&2; echo '           [-B bind_interface]' >&2; exit 255");

        final IOException ex = assertThrows(IOException.class, () -> SshConfig.hostname(List.of("ssh", "-Z"), 0, path()));

        assertEquals("ssh -G failed with exit status 255 (usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy])", ex.getMessage());
    }

    @Test
    void shouldFailWhenSshPrintsNoHostname() throws Exception
    {
        fakeSsh("echo port 22");

        final IOException ex = assertThrows(IOException.class, () -> SshConfig.hostname(List.of("ssh", "h"), 0, path()));

        assertEquals("ssh -G printed no hostname", ex.getMessage());
    }

    @Test
    void shouldFailWhenSshIsNotInPath()
    {
        final IOException ex = assertThrows(IOException.class, () -> SshConfig.hostname(List.of("ssh", "h"), 0, path()));

        assertEquals("ssh is not in PATH", ex.getMessage());
    }

    /** @return an environment whose PATH is only the scratch directory: shell builtins only in the scripts. */
    private Map<String, String> path()
    {
        return Map.of("PATH", dir.toString());
    }

    private void fakeSsh(final String body) throws IOException
    {
        script(dir.resolve("ssh"), body);
    }

    /** Writes an executable shell script; shared with {@link PeerCheckTest}. */
    static Path script(final Path file, final String body) throws IOException
    {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
