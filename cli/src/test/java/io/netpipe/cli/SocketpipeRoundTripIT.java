package io.netpipe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1 GiB through socketpipe mode with {@code -l { env }}: the server instance runs on this host, so the whole
 * path (listen, login, connect back, pairing, commands on the socket) runs without ssh.
 */
@Timeout(120)
class SocketpipeRoundTripIT
{
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static SocketpipeData data;

    @BeforeAll
    static void makeData() throws Exception
    {
        data = SocketpipeData.create(dir);
    }

    @Test
    void shouldCarryOneGibibyteFromInputToRemote() throws Exception
    {
        final Path sum = dir.resolve("remote-input.sha256");
        final SocketpipeProcess.Result result = run(words("-i", data.generator(), "-l", List.of("env"),
            "-r", List.of("sh", "-c", "sha256sum > \"$0\"", sum.toString())));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), Files.readString(sum));
    }

    @Test
    void shouldCarryOneGibibyteFromRemoteToOutput() throws Exception
    {
        final SocketpipeProcess.Result result = run(words("-l", List.of("env"), "-r", data.generator(),
            "-o", List.of("sha256sum")));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), result.stdout());
    }

    @Test
    void shouldCarryOneGibibyteThroughTheRemoteCommandAndBack() throws Exception
    {
        final SocketpipeProcess.Result result = run(words("-b", "-i", data.generator(), "-l", List.of("env"),
            "-r", List.of("cat"), "-o", List.of("sha256sum")));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(data.sha256sumLine(), result.stdout());
        assertEquals("", result.stderr());
    }

    /** Builds a command line from options and blocks: a list after an option becomes { words }. */
    static List<String> words(final Object... parts)
    {
        final List<String> words = new ArrayList<>();
        for (final Object part : parts)
        {
            if (part instanceof List<?> block)
            {
                words.add("{");
                block.forEach(word -> words.add((String)word));
                words.add("}");
            }
            else
            {
                words.add((String)part);
            }
        }
        return words;
    }

    private static SocketpipeProcess.Result run(final List<String> words) throws Exception
    {
        return SocketpipeProcess.run(dir, LIMIT, words, Map.of());
    }
}
