package io.netpipe.sender;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.PrintableText;

/**
 * Tallies what the sender heard but could not take, by kind and source, so a sender that waited in vain can say
 * what it heard instead of only "nobody joined". Only the sender agent's thread writes it. Bounded: a flood of
 * forged sources fills {@link #MAX_ENTRIES} rows and the rest is counted in one number.
 */
final class Strangers
{
    /** Distinct (kind, source) rows kept. */
    static final int MAX_ENTRIES = 32;

    private record Key(Heard.Kind kind, InetSocketAddress source, String detail)
    {
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();
    private final Map<Key, String> names = new LinkedHashMap<>();
    private long overflow;

    /**
     * Classifies a datagram the verifier rejected, from its raw header: another version, or one that failed
     * verification (another key), or not netpipe at all.
     *
     * @param buffer the buffer.
     * @param offset the datagram's first byte.
     * @param length its length.
     * @param from   its source.
     */
    void rejected(final ByteBuffer buffer, final int offset, final int length, final InetSocketAddress from)
    {
        if (length < FrameHeader.HEADER_LENGTH || buffer.getShort(offset + FrameHeader.MAGIC_OFFSET) != FrameHeader.MAGIC)
        {
            add(Heard.Kind.NOT_NETPIPE, from, "", "");
            return;
        }
        final int version = buffer.get(offset + FrameHeader.VERSION_OFFSET) & 0xFF;
        if (version != FrameHeader.VERSION)
        {
            add(Heard.Kind.OTHER_VERSION, from, "version " + version + ", this netpipe speaks " +
                FrameHeader.VERSION, "");
        }
        else
        {
            add(Heard.Kind.OTHER_KEY, from, "", "");
        }
    }

    /**
     * @param sessionId the foreign session id.
     * @param from      its source.
     */
    void otherSession(final int sessionId, final InetSocketAddress from)
    {
        add(Heard.Kind.OTHER_SESSION, from, "id " + String.format("%08x", sessionId), "");
    }

    /**
     * @param from where the JOIN came from.
     * @param name the host name it carried (raw: escaped here).
     * @param why  why it was refused.
     */
    void refused(final InetSocketAddress from, final String name, final String why)
    {
        add(Heard.Kind.REFUSED, from, why, PrintableText.escape(name));
    }

    private void add(final Heard.Kind kind, final InetSocketAddress from, final String detail, final String name)
    {
        final Key key = new Key(kind, from, detail);
        final long[] count = counts.get(key);
        if (null != count)
        {
            count[0]++;
        }
        else if (counts.size() < MAX_ENTRIES)
        {
            counts.put(key, new long[] {1});
            names.put(key, name);
        }
        else
        {
            overflow++;
        }
    }

    /** @return datagrams heard from sources beyond the {@link #MAX_ENTRIES} rows kept. */
    long overflow()
    {
        return overflow;
    }

    /** @return the rows, in the order first heard. */
    List<Heard> rows()
    {
        final List<Heard> rows = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> rows.add(new Heard(key.kind(), key.source().getAddress().getHostAddress() + ":" +
            key.source().getPort(), names.get(key), key.detail(), count[0])));
        return List.copyOf(rows);
    }

    /** @return "; heard 3 datagrams of another session (id ...) from ..., ..." or "; heard nothing on the feedback port". */
    String summary()
    {
        final List<Heard> rows = rows();
        if (rows.isEmpty())
        {
            return "; heard nothing on the feedback port";
        }
        final StringBuilder text = new StringBuilder("; heard ");
        for (int i = 0; i < rows.size(); i++)
        {
            text.append(i == 0 ? "" : ", ").append(rows.get(i).describe());
        }
        return text.append(overflow == 0 ? "" : ", and " + overflow + " more from other sources").toString();
    }
}
