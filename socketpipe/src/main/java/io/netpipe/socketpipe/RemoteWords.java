package io.netpipe.socketpipe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Carries the remote command's words through the login command unchanged, whatever it does to them.
 * <p>
 * {@code ssh host WORDS...} joins the words with spaces and the remote shell splits them again, so
 * {@code sh -c 'exit 7'} would arrive as {@code sh -c exit 7} (socketpipe 1.10's bug). {@code env WORDS...} passes
 * them as they are. Quoting for a shell would be right for ssh and wrong for env; so instead each word is written
 * in an alphabet every shell leaves alone, and the server instance decodes it: bytes outside
 * {@code A-Z a-z 0-9 _ - . / : , + = @} become {@code %XX} (hex of the UTF-8 byte), and an empty word becomes a
 * lone {@code %}. A plain word such as {@code of=/dev/st0} is unchanged, so {@code ps} stays readable; any number
 * of shell re-parses, including none, leaves the encoded words as they are.
 */
public final class RemoteWords
{
    private static final String EMPTY = "%";
    private static final char ESCAPE = '%';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private RemoteWords()
    {
    }

    /** @return the words, each encoded for the trip through the login command. */
    public static List<String> encode(final List<String> words)
    {
        final List<String> encoded = new ArrayList<>(words.size());
        for (final String word : words)
        {
            encoded.add(encode(word));
        }
        return encoded;
    }

    /** @return one word in the shell-inert alphabet. */
    public static String encode(final String word)
    {
        if (word.isEmpty())
        {
            return EMPTY;
        }
        final StringBuilder out = new StringBuilder(word.length());
        for (final byte b : word.getBytes(StandardCharsets.UTF_8))
        {
            if (isInert(b))
            {
                out.append((char)b);
            }
            else
            {
                out.append(ESCAPE).append(HEX.toHexDigits(b));
            }
        }
        return out.toString();
    }

    /**
     * @param word a word written by {@link #encode(String)}, or any plain word.
     * @return the original word.
     * @throws SocketpipeException of kind USAGE if a {@code %} is not followed by two hex digits.
     */
    public static String decode(final String word)
    {
        if (EMPTY.equals(word))
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(word.length());
        int i = 0;
        while (i < word.length())
        {
            if (ESCAPE != word.charAt(i))
            {
                out.append(word.charAt(i++));
                continue;
            }
            // A run of escapes is one UTF-8 sequence (or several): decode the bytes together.
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < word.length() && ESCAPE == word.charAt(i))
            {
                if (!isHex(word, i + 1) || !isHex(word, i + 2))
                {
                    throw SocketpipeException.usage("malformed remote word '" + word +
                        "': % must be followed by two hex digits");
                }
                bytes.write(HexFormat.fromHexDigits(word, i + 1, i + 3));
                i += 3;
            }
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean isHex(final String word, final int index)
    {
        return index < word.length() && Character.digit(word.charAt(index), 16) >= 0;
    }

    private static boolean isInert(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
            "_-./:,+=@".indexOf(b) >= 0;
    }
}
