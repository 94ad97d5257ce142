package io.netpipe.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonWriterTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String document(final String value)
    {
        return new JsonWriter().beginObject().name(value).value(value).endObject().toJson();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain", "", "quote \" and backslash \\ and slash /", "new\nline\r\ttab\b\f", "nul \u0000 bell \u0007",
        "escape \u001b[31mred\u001b[0m", "del \u007f c1 \u0085 \u009b", "separators \u2028 \u2029",
        "emoji \uD83D\uDE00 and é", "</script><!--", "\\u0041 stays literal", "{\"injected\": true}"})
    void shouldRoundTripHostileStringsThroughARealParser(final String hostile) throws Exception
    {
        final String json = document(hostile);

        final JsonNode parsed = JSON.readTree(json);
        assertEquals(1, parsed.size());
        assertEquals(hostile, parsed.get(hostile).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000", "esc \u001b", "del \u007f", "c1 \u0085", "line \u2028", "cr \r"})
    void shouldLeaveNoControlCharacterUnescaped(final String hostile)
    {
        final String json = document(hostile);

        for (int i = 0; i < json.length(); i++)
        {
            final char c = json.charAt(i);
            assertFalse(c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028'),
                () -> "raw control character in " + json);
        }
    }

    @Test
    void shouldReplaceLoneSurrogatesSoTheUtf8StaysValid() throws Exception
    {
        final String json = document("high \uD83D alone, low \uDE00 alone");

        final byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(json, new String(utf8, StandardCharsets.UTF_8));
        assertEquals("high \uFFFD alone, low \uFFFD alone",
            JSON.readTree(utf8).properties().iterator().next().getValue().asText());
    }

    @Test
    void shouldWriteNumbersBooleansNullsAndNesting() throws Exception
    {
        final String json = new JsonWriter().beginObject()
            .name("n").value(-42L)
            .name("x").value(12.5)
            .name("nan").value(Double.NaN)
            .name("inf").value(Double.POSITIVE_INFINITY)
            .name("b").value(true)
            .name("none").value((String)null)
            .name("list").beginArray().value(1L).beginObject().name("k").value("v").endObject().beginArray().endArray()
            .endArray()
            .name("empty").beginObject().endObject()
            .endObject().toJson();

        final JsonNode parsed = JSON.readTree(json);
        assertEquals(-42, parsed.get("n").asLong());
        assertEquals(12.5, parsed.get("x").asDouble());
        assertTrue(parsed.get("nan").isNull());
        assertTrue(parsed.get("inf").isNull());
        assertTrue(parsed.get("b").asBoolean());
        assertTrue(parsed.get("none").isNull());
        assertEquals("v", parsed.get("list").get(1).get("k").asText());
        assertEquals(0, parsed.get("empty").size());
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void shouldRefuseMisuseRatherThanWriteBrokenJson()
    {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("no object"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toJson());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1L).value(2L));
    }

    @Test
    void shouldQuoteAStringAlone()
    {
        assertEquals("\"a\\\"b\\u001b\"", JsonWriter.quoted("a\"b\u001b"));
    }
}
