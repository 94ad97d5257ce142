package io.netpipe.socketpipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExecutablesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFindCommandInPath()
    {
        assertDoesNotThrow(() -> Executables.require(List.of("sh", "-c", "true"), "input command", System.getenv()));
    }

    @Test
    void shouldExit127ForCommandNotInPath()
    {
        final SocketpipeException ex = assertThrows(SocketpipeException.class,
            () -> Executables.require(List.of("sh"), "input command", Map.of("PATH", dir.toString())));

        assertEquals(127, ex.status());
        assertEquals("input command not found: sh", ex.getMessage());
    }

    @Test
    void shouldExit126ForFileThatIsNotExecutable() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("script"), "echo");

        final SocketpipeException ex = assertThrows(SocketpipeException.class,
            () -> Executables.require(List.of(file.toString()), "output command", System.getenv()));

        assertEquals(126, ex.status());
        assertEquals("output command is not executable: " + file, ex.getMessage());
    }
}
