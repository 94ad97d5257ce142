package io.netpipe.socketpipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RemoteWordsTest
{
    private static final List<String> AWKWARD =
        List.of("sh", "-c", "exit 7", "", "it's", "a\"b", "$HOME", "*", "~", "a;b|c&d", "{ x }", "tab\there", "line\nbreak",
            "é", "100%", "%41", "back\\slash", "`id`", "!bang", "#hash");

    @Test
    void shouldLeavePlainWordsAlone()
    {
        assertEquals(List.of("dd", "of=/dev/st0", "bs=32k", "user@host:/a,b+c"),
            RemoteWords.encode(List.of("dd", "of=/dev/st0", "bs=32k", "user@host:/a,b+c")));
    }

    @Test
    void shouldEncodeShellCharactersAsPercentHex()
    {
        assertEquals(List.of("sh", "-c", "exit%207", "%", "%25", "%C3%A9"), RemoteWords.encode(List.of("sh", "-c", "exit 7", "", "%", "é")));
    }

    @Test
    void shouldRoundTrip()
    {
        for (final String word : AWKWARD)
        {
            assertEquals(word, RemoteWords.decode(RemoteWords.encode(word)));
        }
    }

    @Test
    @Timeout(10)
    void shouldSurviveOneShellReparseUnchanged() throws IOException, InterruptedException
    {
        // What ssh does: join the words with spaces and hand the line to the remote shell.
        final List<String> encoded = RemoteWords.encode(AWKWARD);
        final Process sh = new ProcessBuilder("sh", "-c", "printf '%s\\n' " + String.join(" ", encoded)).start();
        final List<String> seen = sh.inputReader(StandardCharsets.UTF_8).lines().toList();
        sh.waitFor();

        assertEquals(encoded, seen);
        final List<String> decoded = new ArrayList<>();
        seen.forEach(word -> decoded.add(RemoteWords.decode(word)));
        assertEquals(AWKWARD, decoded);
    }

    @Test
    void shouldRejectTruncatedEscape()
    {
        final SocketpipeException ex = assertThrows(SocketpipeException.class, () -> RemoteWords.decode("ab%4"));

        assertEquals("malformed remote word 'ab%4': % must be followed by two hex digits", ex.getMessage());
    }
}
