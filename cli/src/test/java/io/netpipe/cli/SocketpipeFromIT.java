package io.netpipe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.netpipe.cli.SocketpipeRoundTripIT.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -f}: which address the connection back may come from, run as real processes with {@code -l { env }}, so
 * the server instance connects back from 127.0.0.1. 127.0.0.2 stands for another host: nothing is sent to it.
 */
@Timeout(60)
class SocketpipeFromIT
{
    private static final Duration LIMIT = Duration.ofSeconds(45);

    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void makeData() throws Exception
    {
        final byte[] bytes = new byte[4 << 20];
        new Random(20260422L).nextBytes(bytes);
        data = Files.write(dir.resolve("data.bin"), bytes);
    }

    @Test
    void shouldRefuseTheServerInstanceFromAnAddressOtherThanTheFromHost() throws Exception
    {
        final Path out = dir.resolve("refused.bin");

        final SocketpipeProcess.Result result = run("127.0.0.2", out);

        assertEquals(ExitCodes.IO, result.exitCode(), "the refused server instance's status, through env: " + result.stderr());
        // Once, although two server instances came: the launcher's shell, refused, hands over to the JVM one.
        assertEquals(1, result.stderrLines().stream().filter(line -> line.equals("netpipe socketpipe: ignored a connection " +
            "from 127.0.0.1: not from the -f host 127.0.0.2 (give -f 127.0.0.1 to accept it, or -f any)")).count(), result.stderr());
        assertTrue(result.stderr().contains("it refused this host's address (see its warning and -f)"), result.stderr());
        assertFalse(Files.exists(out), "the output command never started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "any"})
    void shouldCarryTheDataFromTheFromHostOrAnyHost(final String from) throws Exception
    {
        final Path out = dir.resolve("from-" + from + ".bin");

        final SocketpipeProcess.Result result = run(from, out);

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
        assertEquals(-1, Files.mismatch(data, out));
    }

    /** The remote command sends the data file, the output command writes what arrives to {@code out}. */
    private static SocketpipeProcess.Result run(final String from, final Path out) throws Exception
    {
        return SocketpipeProcess.run(dir, LIMIT, words("-f", from, "-l", List.of("env"), "-r", List.of("cat", data.toString()),
            "-o", List.of("sh", "-c", "cat > \"$0\"", out.toString())), Map.of());
    }
}
