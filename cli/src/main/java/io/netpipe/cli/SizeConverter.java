package io.netpipe.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses byte counts such as {@code 1472}, {@code 64K}, {@code 100M}, {@code 1G} (powers of 1024). */
public final class SizeConverter implements ITypeConverter<Long>
{
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGT]?)(I?B)?");

    @Override
    public Long convert(final String value)
    {
        return parse(value);
    }

    /**
     * @param value a count of bytes with an optional K, M, G or T suffix.
     * @return the number of bytes.
     * @throws TypeConversionException with a readable message when the value is not a size.
     */
    public static long parse(final String value)
    {
        final Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new TypeConversionException("'" + value + "' is not a size (examples: 1472, 64K, 100M, 1G)");
        }
        final int shift = switch (m.group(2))
        {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        try
        {
            final long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift))
            {
                throw new NumberFormatException();
            }
            return n << shift;
        }
        catch (final NumberFormatException ex)
        {
            throw new TypeConversionException("'" + value + "' is too large");
        }
    }
}
