package io.netpipe.protocol;

/**
 * Makes text that came from the network safe to show on a terminal: control characters (C0, DEL, C1, and the
 * Unicode bidirectional overrides) become visible escapes, so a forged host name or BYE reason cannot move the
 * cursor, recolour the screen or draw a fake "verified" line.
 */
public final class PrintableText
{
    private PrintableText()
    {
    }

    /**
     * @param text text as received.
     * @return the same text with every control character written as {@code \xNN} or {@code \\uNNNN}.
     */
    public static String escape(final String text)
    {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean control = c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
                (c >= 0x2066 && c <= 0x2069) || c == '\\';
            if (control && null == out)
            {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (!control)
            {
                if (null != out)
                {
                    out.append(c);
                }
            }
            else if (c == '\\')
            {
                out.append("\\\\");
            }
            else if (c < 0x100)
            {
                out.append(String.format("\\x%02x", (int)c));
            }
            else
            {
                out.append(String.format("\\u%04x", (int)c));
            }
        }
        return null == out ? text : out.toString();
    }
}
