package io.netpipe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses durations such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class DurationConverter implements ITypeConverter<Duration>
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * @param value a whole number with an optional unit: ms, s, m or h.
     * @return the duration.
     * @throws TypeConversionException with a readable message when the value is not a duration.
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
            return switch (null == m.group(2) ? "s" : m.group(2))
            {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new TypeConversionException("'" + value + "' is too long");
        }
    }
}
