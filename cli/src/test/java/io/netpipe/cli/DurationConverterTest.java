package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine.TypeConversionException;

/** Durations: the units, and the one range check every command gets from the shared converter. */
class DurationConverterTest
{
    @Test
    void shouldReadEveryUnitAndABareNumberAsSeconds()
    {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), DurationConverter.parse("5"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(8760), DurationConverter.parse("8760h"));
    }

    @Test
    void shouldRejectADurationLongerThanAYear()
    {
        final TypeConversionException ex =
            assertThrows(TypeConversionException.class, () -> DurationConverter.parse("8761h"));
        assertEquals("'8761h' is out of range (at most 8760h, a year)", ex.getMessage());
    }

    @Test
    void shouldRejectADurationWhoseNanosecondsOverflow()
    {
        // 3000000h is a valid Duration but more nanoseconds than a long holds.
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("3000000h"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("99999999999999999999"));
    }

    static List<List<String>> everyDurationOption()
    {
        return List.of(
            List.of("forward", "--idle-timeout", "3000000h", "6000", "127.0.0.1:5000"),
            List.of("forward", "--connect-timeout", "3000000h", "6000", "127.0.0.1:5000"),
            List.of("forward", "--grace", "3000000h", "6000", "127.0.0.1:5000"),
            List.of("forward", "--half-close-timeout", "3000000h", "6000", "127.0.0.1:5000"),
            List.of("send", "--max-wait", "3000000h"),
            List.of("send", "--drop-after", "3000000h"),
            List.of("recv", "--timeout", "3000000h"),
            List.of("recv", "--sender-timeout", "3000000h"),
            List.of("socketpipe", "-t", "3000000h", "-i", "{", "true", "}", "-l", "{", "env", "}", "-r", "{", "cat",
                "}"));
    }

    @ParameterizedTest
    @MethodSource("everyDurationOption")
    void shouldExitTwoWithOneLineForAnOutOfRangeDurationInEveryCommand(final List<String> args)
    {
        final StringWriter err = new StringWriter();
        final picocli.CommandLine cmd = Netpipe.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCodes.USAGE, cmd.execute(args.toArray(String[]::new)), err.toString());
        final String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("'3000000h' is out of range (at most 8760h, a year)"), text);
    }
}
