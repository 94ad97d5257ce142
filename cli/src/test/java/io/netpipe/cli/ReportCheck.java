package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Every {@code --report} document a test sees goes through here: parsed by a real JSON parser (Jackson) and checked
 * against {@code docs/report.schema.json}, so the schema the README documents is the one the code writes.
 */
final class ReportCheck
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private ReportCheck()
    {
    }

    private static Schema load()
    {
        final Path file = Path.of(System.getProperty("netpipe.home", "..")).toAbsolutePath().normalize()
            .resolve("docs/report.schema.json");
        try
        {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(file), InputFormat.JSON);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param json a document.
     * @return what the schema finds wrong with it.
     */
    static List<String> errors(final String json)
    {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /**
     * @param json a report.
     * @return it parsed, once it passed the schema.
     */
    static JsonNode check(final String json)
    {
        final List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), () -> "against the schema:\n" + json);
        try
        {
            return JSON.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + json, ex);
        }
    }

    /**
     * @param file a report file.
     * @return it parsed, once it passed the schema.
     */
    static JsonNode check(final Path file) throws IOException
    {
        return check(Files.readString(file));
    }
}
