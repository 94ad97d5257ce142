package io.netpipe.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code recv -o FILE}'s placeholders, so a {@code --loop} receiver keeps each session's stream: {@code {n}} is
 * the session's number in this run (from 1), {@code {time}} the UTC time it was admitted, as
 * {@code 20261130T174500Z} (sorts as text, no characters a shell or file system minds).
 */
final class OutputPattern
{
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String pattern;
    private final Clock clock;

    /**
     * @param pattern the -o argument.
     * @param clock   tells {@code {time}}.
     */
    OutputPattern(final String pattern, final Clock clock)
    {
        this.pattern = pattern;
        this.clock = clock;
    }

    /** @return whether the pattern names a different file per session. */
    boolean varies()
    {
        return pattern.contains("{n}") || pattern.contains("{time}");
    }

    /**
     * @param session the session's number, from 1.
     * @return the file for that session, its time taken now.
     */
    Path resolve(final int session)
    {
        return Path.of(pattern.replace("{n}", Integer.toString(session))
            .replace("{time}", TIME.format(clock.instant())));
    }
}
