package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --session NAME} with real processes: a receiver of another name never joins, one of the name does. */
class SessionNameIT
{
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldKeepSessionsOfOtherNamesApart() throws Exception
    {
        final Path input = Processes.randomFile(dir.resolve("in"), 4L << 20, 5);
        try (LoopbackSession session = new LoopbackSession(dir))
        {
            final Process other = Processes.start(List.of("recv", "--port", String.valueOf(session.port()),
                "--timeout", "3s", "--session", "lab-b"), Map.of(), null, session.out("x"), session.err("x"));
            final Process sender = session.sender(1, input, "--session", "lab-a");
            final Process a = session.receiver("a", false, "--session", "lab-a");

            assertEquals(0, Processes.exitCode(sender, EXIT), () -> String.join("\n", Processes.lines(session.err("sender"))));
            assertEquals(0, Processes.exitCode(a, EXIT), () -> String.join("\n", Processes.lines(session.err("a"))));
            assertEquals(Processes.sha256(input), Processes.sha256(session.out("a")));
            assertEquals(ExitCodes.TIMEOUT, Processes.exitCode(other, EXIT));
            assertEquals(0, Processes.size(session.out("x")));
        }
    }
}
