package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recv -o FILE}: the file is touched only once a session admitted the receiver. */
class OutputFileTest
{
    @TempDir
    Path dir;

    private Path existing() throws IOException
    {
        return Files.writeString(dir.resolve("disk.img"), "precious contents");
    }

    @Test
    void shouldLeaveAnExistingFileAloneWhenNoSessionAdmittedTheReceiver() throws IOException
    {
        final Path file = existing();
        new OutputFile(file).close();
        assertEquals("precious contents", Files.readString(file));
        final Path absent = dir.resolve("absent");
        new OutputFile(absent).close();
        assertFalse(Files.exists(absent));
    }

    @Test
    void shouldReplaceTheFileOnceAdmitted() throws IOException
    {
        final Path file = existing();
        try (OutputFile out = new OutputFile(file))
        {
            out.admitted();
            out.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.US_ASCII)));
        }
        assertEquals("new", Files.readString(file));
    }

    @Test
    void shouldMakeAnEmptyFileForAnEmptyStream() throws IOException
    {
        final Path file = existing();
        final OutputFile out = new OutputFile(file);
        out.admitted();
        out.close();
        assertEquals(0, Files.size(file));
    }
}
