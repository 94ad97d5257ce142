package io.netpipe.socketpipe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses socketpipe's command line the way socketpipe 1.10 does: options are separate words, and each command
 * is a block that opens with a <code>{</code> word and closes with its matching <code>}</code> word. Blocks nest,
 * so <code>-i { echo { x } }</code> runs <code>echo { x }</code>. Unlike 1.10, a missing option value is an
 * error, not a crash.
 */
public final class Arguments
{
    /** The word that starts the server instance's arguments. */
    public static final String SERVE = "--serve";

    private static final String OPEN = "{";
    private static final String CLOSE = "}";
    private static final String END_OF_OPTIONS = "--";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%]([A-Za-z0-9._:%-]*)");
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final String HOST_VALUE = "a host name or address";
    private static final String FROM_VALUE = HOST_VALUE + ", or " + Invocation.Client.ANY_HOST;
    private static final String OPTIONS = "-b -h -f -t -i -o -l -r";

    private final List<String> words;
    private final Function<String, Duration> durations;
    private final Map<String, List<String>> blocks = new HashMap<>();
    private int next;

    private Arguments(final List<String> words, final Function<String, Duration> durations)
    {
        this.words = words;
        this.durations = durations;
    }

    /**
     * @param words     the words after {@code socketpipe}.
     * @param durations parses a {@code -t} value; throws an unchecked exception with a readable message if bad.
     * @return the local side or the server instance to run.
     * @throws SocketpipeException of kind {@link SocketpipeException.Kind#USAGE} with one sentence.
     */
    public static Invocation parse(final List<String> words, final Function<String, Duration> durations)
    {
        if (words.isEmpty())
        {
            throw SocketpipeException.usage("no arguments: give -l { login command }, -r { remote command }, " +
                "and -i { command } or -o { command }");
        }
        if (SERVE.equals(words.getFirst()))
        {
            return parseServe(words);
        }
        return new Arguments(words, durations).parseClient();
    }

    private Invocation parseClient()
    {
        boolean batch = false;
        String host = null;
        String from = null;
        Duration timeout = Duration.ZERO;
        boolean timeoutGiven = false;
        while (next < words.size())
        {
            final String option = words.get(next++);
            switch (option)
            {
                case "-b" -> batch = true;
                case "-h" ->
                {
                    requireOnce(option, null != host);
                    host = host(option, value(option, "an address"), HOST_VALUE);
                }
                case "-f" ->
                {
                    requireOnce(option, null != from);
                    from = host(option, value(option, FROM_VALUE), FROM_VALUE);
                }
                case "-t" ->
                {
                    requireOnce(option, timeoutGiven);
                    timeoutGiven = true;
                    timeout = duration(value(option, "a duration (e.g. 30s)"));
                }
                case "-i", "-o", "-l", "-r" ->
                {
                    requireOnce(option, blocks.containsKey(option));
                    blocks.put(option, block(option));
                }
                default -> throw SocketpipeException.usage(option.startsWith("-")
                    ? "unknown option '" + option + "' (options: " + OPTIONS + ")"
                    : "unexpected word '" + option + "': commands go inside -i, -l, -r or -o { ... } blocks");
            }
        }
        if (!blocks.containsKey("-l"))
        {
            throw SocketpipeException.usage("missing -l { login command }, e.g. -l { ssh host }");
        }
        if (!blocks.containsKey("-r"))
        {
            throw SocketpipeException.usage("missing -r { remote command }");
        }
        if (!blocks.containsKey("-i") && !blocks.containsKey("-o"))
        {
            throw SocketpipeException.usage("missing -i { command } or -o { command }: give at least one");
        }
        return new Invocation.Client(blocks.getOrDefault("-i", List.of()), blocks.get("-l"), blocks.get("-r"),
            blocks.getOrDefault("-o", List.of()), batch, host, from, timeout);
    }

    private List<String> block(final String option)
    {
        if (next >= words.size() || !OPEN.equals(words.get(next)))
        {
            throw SocketpipeException.usage("option " + option + " must be followed by a { word");
        }
        final int start = ++next;
        int depth = 1;
        for (; next < words.size(); next++)
        {
            final String word = words.get(next);
            depth += OPEN.equals(word) ? 1 : CLOSE.equals(word) ? -1 : 0;
            if (0 == depth)
            {
                final List<String> command = new ArrayList<>(words.subList(start, next++));
                if (command.isEmpty())
                {
                    throw SocketpipeException.usage("empty block after " + option + ": give a command between { and }");
                }
                return command;
            }
        }
        throw SocketpipeException.usage("unterminated block after " + option + ": a closing } word is missing");
    }

    private String value(final String option, final String what)
    {
        if (next >= words.size())
        {
            throw SocketpipeException.usage("option " + option + " needs " + what);
        }
        return words.get(next++);
    }

    private static void requireOnce(final String option, final boolean seen)
    {
        if (seen)
        {
            throw SocketpipeException.usage("option " + option + " given twice");
        }
    }

    private static String host(final String option, final String value, final String what)
    {
        if (!HOST.matcher(value).matches())
        {
            throw SocketpipeException.usage(option + " '" + value + "' is not " + what);
        }
        return value;
    }

    private Duration duration(final String value)
    {
        try
        {
            return durations.apply(value);
        }
        catch (final RuntimeException ex)
        {
            throw SocketpipeException.usage("option -t: " + ex.getMessage());
        }
    }

    private static Invocation parseServe(final List<String> words)
    {
        final String shape = SERVE + " needs HOST PORT TOKEN -- COMMAND [ARGS...]";
        if (words.size() < 6 || !END_OF_OPTIONS.equals(words.get(4)))
        {
            throw SocketpipeException.usage(shape);
        }
        final String host = words.get(1);
        if (!Invocation.Serve.FIND_HOST.equals(host))
        {
            host("-h", host, HOST_VALUE);
        }
        final int port = port(words.get(2));
        final String token = words.get(3);
        if (!TOKEN.matcher(token).matches())
        {
            throw SocketpipeException.usage(SERVE + ": the token must be 32 lowercase hex digits");
        }
        final List<String> command = new ArrayList<>();
        for (final String word : words.subList(5, words.size()))
        {
            command.add(RemoteWords.decode(word));
        }
        return new Invocation.Serve(host, port, token, command);
    }

    private static int port(final String value)
    {
        try
        {
            final int port = Integer.parseInt(value);
            if (port > 0 && port <= 65535)
            {
                return port;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // one message below
        }
        throw SocketpipeException.usage(SERVE + ": port '" + value + "' is not a number from 1 to 65535");
    }
}
