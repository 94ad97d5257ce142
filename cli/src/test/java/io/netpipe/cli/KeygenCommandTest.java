package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.netpipe.protocol.crypto.KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeygenCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int keygen(final String... args)
    {
        final CommandLine cmd = Netpipe.commandLine("keygen");
        cmd.setErr(new PrintWriter(err));
        final String[] all = new String[args.length + 1];
        all[0] = "keygen";
        System.arraycopy(args, 0, all, 1, args.length);
        return cmd.execute(all);
    }

    @Test
    void shouldWriteAKeyOnlyItsOwnerCanRead() throws Exception
    {
        final Path file = dir.resolve("lab.key");

        assertEquals(ExitCodes.OK, keygen(file.toString()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyFile.load(file);
        assertEquals("netpipe keygen: wrote a new key to " + file + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldRefuseToOverwriteAKeyWithoutForce() throws Exception
    {
        final Path file = dir.resolve("lab.key");
        assertEquals(ExitCodes.OK, keygen(file.toString()));
        final String before = Files.readString(file);
        err.getBuffer().setLength(0);

        assertEquals(ExitCodes.KEY_FILE, keygen(file.toString()));
        assertEquals("netpipe keygen: key file " + file + " exists; refusing to overwrite it without --force" +
            System.lineSeparator(), err.toString());
        assertEquals(before, Files.readString(file));
    }

    @Test
    void shouldReplaceAKeyWithForce() throws Exception
    {
        final Path file = dir.resolve("lab.key");
        assertEquals(ExitCodes.OK, keygen(file.toString()));
        final String before = Files.readString(file);

        assertEquals(ExitCodes.OK, keygen("--force", file.toString()));
        assertNotEquals(before, Files.readString(file));
    }

    @Test
    void shouldSayWhyAKeyCannotBeWritten()
    {
        final Path file = dir.resolve("no/such/dir/lab.key");

        assertEquals(ExitCodes.KEY_FILE, keygen(file.toString()));
        assertEquals("netpipe keygen: cannot write key file " + file + ": no such file or directory" +
            System.lineSeparator(), err.toString());
    }

    @Test
    void shouldRequireAFile()
    {
        assertEquals(ExitCodes.USAGE, keygen());
    }
}
