package io.netpipe.socketpipe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest
{
    @Test
    void shouldParseTheReadmeExample()
    {
        final Invocation.Client client = client("-b -i { tar cf - /home } -l { ssh backup } -r { dd of=/dev/st0 bs=32k }");

        assertTrue(client.batch());
        assertEquals(List.of("tar", "cf", "-", "/home"), client.input());
        assertEquals(List.of("ssh", "backup"), client.login());
        assertEquals(List.of("dd", "of=/dev/st0", "bs=32k"), client.remote());
        assertFalse(client.hasOutput());
        assertNull(client.connectBack());
        assertNull(client.from());
        assertEquals(Duration.ZERO, client.acceptTimeout());
    }

    @Test
    void shouldKeepNestedBracesInsideBlock()
    {
        assertEquals(List.of("echo", "{", "x", "}"), client("-i { echo { x } } -l { env } -r { cat }").input());
    }

    @Test
    void shouldPassWordsThatLookLikeOptionsThrough()
    {
        assertEquals(List.of("ls", "--help", "-h", "--", "@file"), client("-o { ls --help -h -- @file } -l { env } -r { cat }").output());
    }

    @Test
    void shouldParseHostAndTimeout()
    {
        final Invocation.Client client = client("-h ::1 -t 5s -o { cat } -l { env } -r { cat }");

        assertEquals("::1", client.connectBack());
        assertEquals(Duration.ofSeconds(5), client.acceptTimeout());
    }

    @Test
    void shouldParseFromHost()
    {
        assertEquals("backup.example.org", client("-f backup.example.org -o { cat } -l { ssh backup } -r { cat }").from());
    }

    @Test
    void shouldParseFromAny()
    {
        assertEquals(Invocation.Client.ANY_HOST, client("-o { cat } -l { env } -r { cat } -f any").from());
    }

    @Test
    void shouldRejectFromAsLastWord()
    {
        assertUsage("option -f needs a host name or address, or any", "-i { a } -l { env } -r { b } -f");
    }

    @Test
    void shouldRejectEmptyFrom()
    {
        assertUsage("-f '' is not a host name or address, or any", "-f", "", "-i", "{", "a", "}");
    }

    @Test
    void shouldRejectFromGivenTwice()
    {
        assertUsage("option -f given twice", "-f any -f ::1 -i { a } -l { env } -r { b }");
    }

    @Test
    void shouldRejectMissingLogin()
    {
        assertUsage("missing -l { login command }, e.g. -l { ssh host }", "-i { a } -r { b }");
    }

    @Test
    void shouldRejectMissingRemote()
    {
        assertUsage("missing -r { remote command }", "-i { a } -l { env }");
    }

    @Test
    void shouldRejectNeitherInputNorOutput()
    {
        assertUsage("missing -i { command } or -o { command }: give at least one", "-l { env } -r { b }");
    }

    @Test
    void shouldRejectEmptyBlock()
    {
        assertUsage("empty block after -i: give a command between { and }", "-i { } -l { env } -r { b }");
    }

    @Test
    void shouldRejectUnterminatedBlock()
    {
        assertUsage("unterminated block after -r: a closing } word is missing", "-i { a } -l { env } -r { b { c }");
    }

    @Test
    void shouldRejectOptionWithoutBlock()
    {
        assertUsage("option -l must be followed by a { word", "-i { a } -l ssh host -r { b }");
    }

    @Test
    void shouldRejectHostAsLastWord()
    {
        assertUsage("option -h needs an address", "-i { a } -l { env } -r { b } -h");
    }

    @Test
    void shouldRejectTimeoutAsLastWord()
    {
        assertUsage("option -t needs a duration (e.g. 30s)", "-i { a } -l { env } -r { b } -t");
    }

    @Test
    void shouldRejectBadDurationWithTheConvertersMessage()
    {
        assertUsage("option -t: 'soon' is not a duration", "-t soon -i { a } -l { env } -r { b }");
    }

    @Test
    void shouldRejectHostThatCannotBeAnAddress()
    {
        assertUsage("-h 'a b' is not a host name or address", "-h", "a b", "-i", "{", "a", "}");
    }

    @Test
    void shouldRejectRepeatedOption()
    {
        assertUsage("option -i given twice", "-i { a } -i { b } -l { env } -r { b }");
    }

    @Test
    void shouldRejectUnknownOption()
    {
        assertUsage("unknown option '-x' (options: -b -h -f -t -i -o -l -r)", "-x -i { a } -l { env } -r { b }");
    }

    @Test
    void shouldRejectStrayWord()
    {
        assertUsage("unexpected word '}': commands go inside -i, -l, -r or -o { ... } blocks", "-i { a } } -l { env } -r { b }");
    }

    @Test
    void shouldRejectNoArguments()
    {
        assertUsage("no arguments: give -l { login command }, -r { remote command }, and -i { command } or -o { command }", "");
    }

    @Test
    void shouldParseServeAndDecodeRemoteWords()
    {
        final Invocation.Serve serve = assertInstanceOf(Invocation.Serve.class,
            parse("--serve - 4000 0123456789abcdef0123456789abcdef -- sh -c exit%207 %"));

        assertEquals(Invocation.Serve.FIND_HOST, serve.host());
        assertEquals(4000, serve.port());
        assertEquals(List.of("sh", "-c", "exit 7", ""), serve.command());
    }

    @Test
    void shouldRejectServeWithoutCommand()
    {
        assertUsage("--serve needs HOST PORT TOKEN -- COMMAND [ARGS...]", "--serve 127.0.0.1 4000 0123456789abcdef0123456789abcdef --");
    }

    @Test
    void shouldRejectServeWithBadPort()
    {
        assertUsage("--serve: port '0' is not a number from 1 to 65535", "--serve ::1 0 0123456789abcdef0123456789abcdef -- cat");
    }

    private static Invocation.Client client(final String line)
    {
        return assertInstanceOf(Invocation.Client.class, parse(line));
    }

    private static Invocation parse(final String line)
    {
        return Arguments.parse(words(line), ArgumentsTest::duration);
    }

    private static void assertUsage(final String message, final String... line)
    {
        final List<String> words = 1 == line.length ? words(line[0]) : Arrays.asList(line);
        final SocketpipeException ex = assertThrows(SocketpipeException.class, () -> Arguments.parse(words, ArgumentsTest::duration));

        assertEquals(SocketpipeException.Kind.USAGE, ex.kind());
        assertEquals(message, ex.getMessage());
    }

    private static List<String> words(final String line)
    {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split(" "));
    }

    /** Stands in for the command line's converter: seconds only. */
    private static Duration duration(final String text)
    {
        if (!text.matches("\\d+s"))
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }
}
