package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code recv --exec CMD}: CMD gets the stream on stdin, and its exit status is the stream's verdict. */
@Timeout(30)
class ExecOutputTest
{
    @TempDir
    Path dir;

    private static ByteBuffer bytes(final String text)
    {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldFeedTheStreamToTheCommandAndSucceedWhenItExitsZero() throws IOException
    {
        final Path copy = dir.resolve("copy");
        try (ExecOutput out = new ExecOutput("cat > '" + copy + "'"))
        {
            out.admitted();
            out.write(bytes("hello "));
            out.write(bytes("world"));
            out.finish();
        }
        assertEquals("hello world", Files.readString(copy));
    }

    @Test
    void shouldNameTheExitStatusOfACommandThatFailsAtTheEnd()
    {
        final ExecOutput out = new ExecOutput("cat > /dev/null; exit 3");
        out.admitted();

        final IOException failure = assertThrows(IOException.class, () -> {
            out.write(bytes("data"));
            out.finish();
        });
        assertEquals("exec: exit status 3", failure.getMessage());
    }

    @Test
    void shouldNameTheExitStatusOfACommandThatStopsReadingEarly() throws IOException
    {
        final ExecOutput out = new ExecOutput("exit 1");
        out.admitted();
        final ByteBuffer big = ByteBuffer.allocate(4 << 20);

        final IOException failure = assertThrows(IOException.class, () -> {
            while (true)
            {
                out.write(big.clear());
            }
        });
        assertEquals("exec: exit status 1", failure.getMessage());
        out.close();
    }

    @Test
    void shouldRunNothingWhenNoSessionAdmittedTheReceiver() throws IOException
    {
        final Path marker = dir.resolve("ran");
        new ExecOutput("touch '" + marker + "'").close();

        assertFalse(Files.exists(marker));
    }

    @Test
    void shouldNameTheSignalOfACommandThatDied()
    {
        assertEquals("exec: exit status 137 (signal 9)", ExecOutput.describe(137));
        assertEquals("exec: exit status 1", ExecOutput.describe(1));
    }
}
