package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.netpipe.protocol.crypto.KeyFile;
import io.netpipe.protocol.crypto.PreSharedKey;

/** {@code --key-file} with real processes on loopback broadcast: same key joins and matches, another key never. */
class KeyedSessionIT
{
    private static final Duration EXIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path keyFile(final String name) throws Exception
    {
        final Path file = dir.resolve(name);
        KeyFile.write(file, PreSharedKey.generate(new SecureRandom()), false);
        return file;
    }

    @Test
    @Timeout(180)
    void shouldDeliverAKeyedSessionToReceiversWithTheKeyOnly() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 32L << 20, 3);
        final String key = keyFile("lab.key").toString();
        final String otherKey = keyFile("other.key").toString();
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process stranger = Processes.start(List.of("recv", "--port", String.valueOf(session.port()),
                "--timeout", "4s", "--key-file", otherKey), Map.of(), null, session.out("x"), session.err("x"));
            final Process sender = session.sender(2, input, "--key-file", key);
            final Process a = session.receiver("a", false, "--key-file", key);
            // b writes with -o over an existing file: replaced once admitted.
            final Path image = Files.writeString(dir.resolve("b.img"), "old contents, longer than nothing");
            final Process b = session.receiver("b", false, "--key-file", key, "-o", image.toString());

            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            final String expected = Processes.sha256(input);
            for (final String name : List.of("a", "b"))
            {
                assertEquals(0, Processes.exitCode(name.equals("a") ? a : b, EXIT),
                    String.join("\n", Processes.lines(session.err(name))));
                assertEquals(expected, Processes.sha256(name.equals("a") ? session.out(name) : image), "receiver " + name);
            }
            assertEquals(ExitCodes.TIMEOUT, Processes.exitCode(stranger, EXIT));
            final List<String> lines = Processes.lines(session.err("x"));
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.getFirst().contains("no session found") &&
                lines.getFirst().contains("datagrams failed verification"), lines.getFirst());
            assertEquals(0, Files.size(session.out("x")));
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseAKeyFileOthersCanRead() throws Exception
    {
        final Path key = keyFile("open.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process sender = session.sender(1, dir.resolve("open.key"), "--key-file", key.toString());
            final Process receiver = session.receiver("a", false, "--key-file", key.toString());
            assertEquals(ExitCodes.KEY_FILE, Processes.exitCode(sender, EXIT));
            assertEquals(ExitCodes.KEY_FILE, Processes.exitCode(receiver, EXIT));
            for (final String name : List.of("sender", "a"))
            {
                final List<String> lines = Processes.lines(session.err(name));
                assertEquals(1, lines.size(), String.join("\n", lines));
                assertTrue(lines.getFirst().contains("accessible by others"), lines.getFirst());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldNotTouchTheOutputFileWhenNoSessionIsFound() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("disk.img"), "precious contents");
        final Process receiver = Processes.start(List.of("recv", "--port", String.valueOf(Processes.freePortPair()),
            "--timeout", "1s", "-o", file.toString()), Map.of(), null, dir.resolve("r.out"), dir.resolve("r.err"));
        assertEquals(ExitCodes.TIMEOUT, Processes.exitCode(receiver, EXIT));
        assertEquals("precious contents", Files.readString(file));
    }
}
