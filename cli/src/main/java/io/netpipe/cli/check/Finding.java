package io.netpipe.cli.check;

/**
 * One line of the check's report.
 *
 * @param level how bad it is.
 * @param text  one sentence, already escaped where it holds text from outside.
 */
public record Finding(Level level, String text)
{
    /** How a finding bears on a transfer. */
    public enum Level
    {
        /** Works as netpipe needs. */
        OK("ok"),
        /** Works, but slower or only under conditions this check cannot tell. */
        WARNING("warning"),
        /** A transfer would fail. */
        FAIL("fail");

        private final String label;

        Level(final String label)
        {
            this.label = label;
        }

        /** @return the word printed at the start of the line. */
        public String label()
        {
            return label;
        }
    }

    /**
     * @param text the sentence.
     * @return an ok finding.
     */
    public static Finding ok(final String text)
    {
        return new Finding(Level.OK, text);
    }

    /**
     * @param text the sentence.
     * @return a warning.
     */
    public static Finding warning(final String text)
    {
        return new Finding(Level.WARNING, text);
    }

    /**
     * @param text the sentence.
     * @return a failure.
     */
    public static Finding fail(final String text)
    {
        return new Finding(Level.FAIL, text);
    }

    /** @return the line as printed: the level padded to one column, then the text. */
    public String line()
    {
        return String.format("%-8s%s", level.label(), text);
    }
}
