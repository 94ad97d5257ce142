package io.netpipe.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileTest
{
    @TempDir
    Path dir;

    private final PreSharedKey key = PreSharedKey.generate(new SecureRandom());

    private Path file(final String content, final String mode) throws IOException
    {
        final Path path = dir.resolve("key");
        Files.writeString(path, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    private String messageOf(final Path path)
    {
        return assertThrows(KeyFileException.class, () -> KeyFile.load(path)).getMessage();
    }

    @Test
    void shouldWriteOneLineReadableByItsOwnerOnlyAndLoadItBack() throws Exception
    {
        final Path path = dir.resolve("netpipe.key");
        KeyFile.write(path, key, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        final String content = Files.readString(path);
        assertTrue(content.matches("netpipe-key-v1 [A-Za-z0-9+/]{43}=\n"), content);
        assertEquals(key, KeyFile.load(path));
    }

    @Test
    void shouldRefuseToOverwriteWithoutForce() throws Exception
    {
        final Path path = dir.resolve("netpipe.key");
        KeyFile.write(path, key, false);

        final String message = assertThrows(KeyFileException.class,
            () -> KeyFile.write(path, PreSharedKey.generate(new SecureRandom()), false)).getMessage();
        assertEquals("key file " + path + " exists; refusing to overwrite it without --force", message);
        assertEquals(key, KeyFile.load(path));
    }

    @Test
    void shouldReplaceWithForce() throws Exception
    {
        final Path path = dir.resolve("netpipe.key");
        KeyFile.write(path, PreSharedKey.generate(new SecureRandom()), false);
        KeyFile.write(path, key, true);

        assertEquals(key, KeyFile.load(path));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        try (var files = Files.list(dir))
        {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void shouldAcceptReadOnlyForItsOwner() throws Exception
    {
        assertEquals(key, KeyFile.load(file(KeyFile.format(key), "r--------")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw------x", "rw-rw-rw-", "rw-----w-", "r---w----"})
    void shouldRefuseAFileOpenToGroupOrOthers(final String mode) throws Exception
    {
        final Path path = file(KeyFile.format(key), mode);

        assertEquals("key file " + path + " is accessible by others (mode " + mode + "); run: chmod 600 " + path,
            messageOf(path));
    }

    @Test
    void shouldSayAMissingFileDoesNotExist()
    {
        final Path path = dir.resolve("absent.key");

        assertEquals("key file " + path + " does not exist (make one with: netpipe keygen " + path + ")",
            messageOf(path));
    }

    @Test
    void shouldSayAnUnreadableFileIsUnreadable() throws Exception
    {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        final Path path = file(KeyFile.format(key), "-w-------");

        assertEquals("cannot read key file " + path + ": permission denied", messageOf(path));
    }

    @Test
    void shouldRefuseADirectory()
    {
        assertEquals("key file " + dir + " is not a regular file", messageOf(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\n", "netpipe-key-v1\n", "netpipe-key-v2 AAAA\n", "netpipe-key-v1 not*base64\n",
        "netpipe-key-v1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n", "netpipe-key-v1  x\n", "ssh-ed25519 AAAA\n"})
    void shouldRefuseAMalformedFile(final String content) throws Exception
    {
        final Path path = file(content, "rw-------");

        final String message = messageOf(path);
        assertEquals("key file " + path + " is malformed: expected one line 'netpipe-key-v1 <base64 of 32 bytes>'",
            message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void shouldRefuseAFileTooLongToBeAKey() throws Exception
    {
        final Path path = file(KeyFile.format(key) + "#".repeat((int)KeyFile.MAX_SIZE), "rw-------");

        assertTrue(messageOf(path).contains("is malformed"));
    }

    @Test
    void shouldAcceptALastLineWithoutNewline() throws Exception
    {
        assertEquals(key, KeyFile.load(file(KeyFile.format(key).strip(), "rw-------")));
    }
}
