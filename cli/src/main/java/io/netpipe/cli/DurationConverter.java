package io.netpipe.cli;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli's converter for durations such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} ({@link Durations}).
 */
public final class DurationConverter implements ITypeConverter<Duration>
{
    /** The longest duration any option takes: a year (see {@link Durations#MAX}). */
    public static final Duration MAX = Durations.MAX;

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
        try
        {
            return Durations.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
