package io.netpipe.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a top-level number from a netpipe {@code --report} document (docs/report.schema.json). Only the
 * document's own top-level fields are looked at: indented by exactly two spaces, as netpipe writes them, so a
 * receiver row's field of the same name (four spaces deep) is never taken for it.
 */
final class ReportFields
{
    private ReportFields()
    {
    }

    /**
     * @param report the report file.
     * @param field  a top-level numeric field, e.g. {@code retransmittedPercent}.
     * @return its value, or empty when the file or the field is missing or not a number.
     */
    static OptionalDouble number(final Path report, final String field)
    {
        try
        {
            return number(Files.readString(report, StandardCharsets.UTF_8), field);
        }
        catch (final IOException ex)
        {
            return OptionalDouble.empty();
        }
    }

    /**
     * @param json  a report.
     * @param field a top-level numeric field.
     * @return its value, or empty.
     */
    static OptionalDouble number(final String json, final String field)
    {
        final Matcher m = Pattern.compile("(?m)^  \"" + Pattern.quote(field) + "\": (-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?),?$")
            .matcher(json);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
