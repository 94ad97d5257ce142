package io.netpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shows that netpipe copies none of the data: while 1 GiB goes out and 1 GiB comes back, the two netpipe processes
 * (the local side and the server instance) read and write under 1 MiB. The commands record their parent's
 * {@code /proc/PID/io} (the parent is the netpipe process that spawned them) when they start and when their data has
 * passed; JVM start-up (reading the jar) happens before, so it is not counted. The second snapshot is taken before
 * the netpipe process reaps any child: reaping adds the child's counters to the parent's.
 */
@Timeout(120)
class SocketpipeZeroCopyIT
{
    private static final long ONE_MIB = 1L << 20;
    private static final String SNAPSHOT = "cat /proc/$PPID/io > \"$0\"";

    @TempDir
    Path dir;

    @Test
    void shouldReadAndWriteUnderOneMebibyteInNetpipeWhileOneGibibyteFlowsEachWay() throws Exception
    {
        final Path localBefore = dir.resolve("local-before");
        final Path localAfter = dir.resolve("local-after");
        final Path remoteBefore = dir.resolve("remote-before");
        final Path remoteAfter = dir.resolve("remote-after");
        final Path count = dir.resolve("count");

        final SocketpipeProcess.Result result = SocketpipeProcess.run(dir, Duration.ofSeconds(90), words(
            "-b", "-i", List.of("sh", "-c", SNAPSHOT + "; head -c 1G /dev/zero; cat /proc/$PPID/io > \"$1\"",
                localBefore.toString(), localAfter.toString()),
            "-l", List.of("env"),
            "-r", List.of("sh", "-c", SNAPSHOT + "; cat; cat /proc/$PPID/io > \"$1\"", remoteBefore.toString(), remoteAfter.toString()),
            "-o", List.of("sh", "-c", "wc -c > \"$0\"", count.toString())), Map.of());

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("1073741824", Files.readString(count).strip());
        assertCopiedLessThanOneMebibyte("local side", localBefore, localAfter);
        assertCopiedLessThanOneMebibyte("server instance", remoteBefore, remoteAfter);
    }

    private static void assertCopiedLessThanOneMebibyte(final String who, final Path before, final Path after) throws IOException
    {
        for (final String counter : List.of("rchar", "wchar"))
        {
            final long bytes = counter(after, counter) - counter(before, counter);
            assertTrue(bytes < ONE_MIB, who + " " + counter + " grew by " + bytes + " bytes during the transfer");
        }
    }

    private static long counter(final Path io, final String name) throws IOException
    {
        return Files.readAllLines(io).stream()
            .filter(line -> line.startsWith(name + ":"))
            .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).strip()))
            .findFirst().orElseThrow(() -> new AssertionError(name + " missing in " + io));
    }
}
