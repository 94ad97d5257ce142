package io.netpipe.cli.check;

/** Makes text from outside (the network, another program) safe to print on a terminal: one line, no controls. */
public final class Escape
{
    private Escape()
    {
    }

    /**
     * @param text     any text, or {@code null}.
     * @param maxChars the longest result before it is cut with an ellipsis.
     * @return the text with control characters (C0, DEL, C1, and line or paragraph separators) as {@code \xNN} or
     *     {@code \\uNNNN} escapes and backslashes doubled, so an escape sequence can never reach the terminal.
     */
    public static String text(final String text, final int maxChars)
    {
        if (null == text)
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < maxChars; i++)
        {
            final char c = text.charAt(i);
            if (c == '\\')
            {
                sb.append("\\\\");
            }
            else if (c < 0x20 || c == 0x7F)
            {
                sb.append(String.format("\\x%02x", (int)c));
            }
            else if ((c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) ||
                Character.getType(c) == Character.FORMAT)
            {
                // C1 controls (0x9B is a CSI on some terminals), separators and bidi overrides: escaped too.
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.length() >= maxChars ? sb.substring(0, maxChars) + "..." : sb.toString();
    }
}
