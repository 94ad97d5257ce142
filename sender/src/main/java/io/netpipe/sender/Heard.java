package io.netpipe.sender;

/**
 * Datagrams the sender heard on its feedback port but could not take, grouped by why and by source: what a
 * sender that waited in vain lists, and what a report shows.
 *
 * @param kind   why they were not taken.
 * @param source the source address, as text ({@code 10.0.0.7:9001}).
 * @param name   the host name a refused JOIN carried, escaped, else empty.
 * @param detail the foreign session id or wire version, escaped text, else empty.
 * @param count  how many datagrams.
 */
public record Heard(Kind kind, String source, String name, String detail, long count)
{
    /** Why a datagram was not taken. */
    public enum Kind
    {
        /** A valid frame of another session (another sender, an earlier run, another {@code --session}). */
        OTHER_SESSION("of another session"),
        /** A netpipe frame of another wire version (another netpipe release). */
        OTHER_VERSION("of another wire version"),
        /** A netpipe frame that failed verification: another {@code --key-file}, or none, or damaged. */
        OTHER_KEY("failing verification (another --key-file, or none?)"),
        /** Not netpipe at all. */
        NOT_NETPIPE("not netpipe"),
        /** A JOIN of this session after the transfer started, or beyond the roster's room: refused. */
        REFUSED("refused");

        private final String text;

        Kind(final String text)
        {
            this.text = text;
        }

        /** @return how a message says it: "of another session". */
        public String text()
        {
            return text;
        }
    }

    /** @return "3 datagrams of another session (id 5a3c0001) from 127.0.0.1:40001". */
    public String describe()
    {
        return count + (count == 1 ? " datagram " : " datagrams ") + kind.text() +
            (detail.isEmpty() ? "" : " (" + detail + ")") + " from " + (name.isEmpty() ? "" : name + " at ") + source;
    }
}
