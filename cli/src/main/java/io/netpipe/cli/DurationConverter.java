package io.netpipe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is seconds. Every
 * command reads its durations here, so the range check below holds for all of them.
 */
public final class DurationConverter implements ITypeConverter<Duration>
{
    /**
     * The longest duration any option takes: a year. Commands turn durations into nanoseconds and add them to
     * {@link System#nanoTime()}; a bound far below {@code Long.MAX_VALUE} nanoseconds (292 years) keeps every such
     * sum and difference from overflowing, where 3000000h once ended in an ArithmeticException or a deadline in
     * the past.
     */
    public static final Duration MAX = Duration.ofDays(365);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * @param value a whole number with an optional unit: ms, s, m or h.
     * @return the duration.
     * @throws TypeConversionException with a readable message when the value is not a duration or longer than
     *                                 {@link #MAX}.
     */
    public static Duration parse(final String value)
    {
        final Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 5s, 2m)");
        }
        try
        {
            final long n = Long.parseLong(m.group(1));
            final Duration duration = switch (null == m.group(2) ? "s" : m.group(2))
            {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (duration.compareTo(MAX) <= 0)
            {
                return duration;
            }
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            // Too many digits for a long, or more seconds than Duration holds: the same message as below.
        }
        throw new TypeConversionException("'" + value + "' is out of range (at most 8760h, a year)");
    }
}
