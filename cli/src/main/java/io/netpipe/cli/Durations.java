package io.netpipe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is seconds. Every
 * command reads its durations here, so the range check below holds for all of them. No picocli type here: socketpipe
 * parses {@code -t} without loading picocli ({@link SocketpipeMain}); {@link DurationConverter} is picocli's face.
 */
final class Durations
{
    /**
     * The longest duration any option takes: a year. Commands turn durations into nanoseconds and add them to
     * {@link System#nanoTime()}; a bound far below {@code Long.MAX_VALUE} nanoseconds (292 years) keeps every such
     * sum and difference from overflowing, where 3000000h once ended in an ArithmeticException or a deadline in
     * the past.
     */
    static final Duration MAX = Duration.ofDays(365);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private Durations()
    {
    }

    /**
     * @param value a whole number with an optional unit: ms, s, m or h.
     * @return the duration.
     * @throws IllegalArgumentException with a readable message when the value is not a duration or longer than
     *                                  {@link #MAX}.
     */
    static Duration parse(final String value)
    {
        final Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new IllegalArgumentException("'" + value + "' is not a duration (examples: 500ms, 5s, 2m)");
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
        throw new IllegalArgumentException("'" + value + "' is out of range (at most 8760h, a year)");
    }
}
