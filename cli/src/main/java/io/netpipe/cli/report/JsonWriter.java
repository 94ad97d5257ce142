package io.netpipe.cli.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes one JSON document, indented two spaces a level, for the {@code --report} files. Strings are escaped for
 * any content: quotes, backslashes, every control character (C0, DEL and C1), the line and paragraph separators,
 * and lone surrogates (replaced by U+FFFD, so the UTF-8 output stays valid). Numbers that JSON cannot hold (NaN,
 * infinities) are written as {@code null}. Misuse (a value where a name is due, an unclosed container) throws
 * {@link IllegalStateException}: it is a bug in the caller, never the data's fault.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(1024);
    /** Per open container: whether it is an object, and whether it already holds a member. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean nameWritten;

    /** @return this, inside a new object. */
    public JsonWriter beginObject()
    {
        return begin('{', true);
    }

    /** @return this, after the object ends. */
    public JsonWriter endObject()
    {
        return end('}', true);
    }

    /** @return this, inside a new array. */
    public JsonWriter beginArray()
    {
        return begin('[', false);
    }

    /** @return this, after the array ends. */
    public JsonWriter endArray()
    {
        return end(']', false);
    }

    /**
     * @param name a member name of the object being written.
     * @return this.
     */
    public JsonWriter name(final String name)
    {
        final boolean[] top = open.peek();
        if (null == top || !top[0] || nameWritten)
        {
            throw new IllegalStateException("a name is not due here");
        }
        separate(top);
        quote(name);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    /**
     * @param value a string, or {@code null}.
     * @return this.
     */
    public JsonWriter value(final String value)
    {
        beforeValue();
        if (null == value)
        {
            out.append("null");
        }
        else
        {
            quote(value);
        }
        return this;
    }

    /**
     * @param value a whole number.
     * @return this.
     */
    public JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @param value a number, written with up to three decimals; NaN and infinities become {@code null}.
     * @return this.
     */
    public JsonWriter value(final double value)
    {
        beforeValue();
        out.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    /**
     * @param value a boolean.
     * @return this.
     */
    public JsonWriter value(final boolean value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /** @return the document, ending with a newline; every container must be closed. */
    public String toJson()
    {
        if (!open.isEmpty() || out.isEmpty())
        {
            throw new IllegalStateException("the document is not complete");
        }
        return out + "\n";
    }

    /**
     * @param text any string.
     * @return it as a JSON string literal, quotes included.
     */
    public static String quoted(final String text)
    {
        final JsonWriter w = new JsonWriter();
        w.quote(text);
        return w.out.toString();
    }

    private JsonWriter begin(final char bracket, final boolean object)
    {
        beforeValue();
        out.append(bracket);
        open.push(new boolean[] {object, false});
        return this;
    }

    private JsonWriter end(final char bracket, final boolean object)
    {
        final boolean[] top = open.peek();
        if (null == top || top[0] != object || nameWritten)
        {
            throw new IllegalStateException("no " + (object ? "object" : "array") + " to end here");
        }
        open.pop();
        if (top[1])
        {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue()
    {
        final boolean[] top = open.peek();
        if (null == top)
        {
            if (!out.isEmpty())
            {
                throw new IllegalStateException("one document only");
            }
            return;
        }
        if (top[0])
        {
            if (!nameWritten)
            {
                throw new IllegalStateException("an object member needs a name first");
            }
            nameWritten = false;
        }
        else
        {
            separate(top);
        }
    }

    private void separate(final boolean[] top)
    {
        if (top[1])
        {
            out.append(',');
        }
        top[1] = true;
        newline();
    }

    private void newline()
    {
        out.append('\n').append("  ".repeat(open.size()));
    }

    private void quote(final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default ->
                {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029')
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else if (Character.isHighSurrogate(c) && i + 1 < text.length() &&
                        Character.isLowSurrogate(text.charAt(i + 1)))
                    {
                        out.append(c).append(text.charAt(++i));
                    }
                    else if (Character.isSurrogate(c))
                    {
                        out.append("\\ufffd");
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
