package io.netpipe.sender;

/**
 * A snapshot of a sending session.
 *
 * @param elapsedNs        since the transfer started (0 before).
 * @param bytesSent        stream bytes sent at least once.
 * @param bytesConfirmed   stream bytes every live receiver holds (approximately: whole packets).
 * @param packetsSent      DATA frames sent the first time.
 * @param packetsResent    DATA frames sent again.
 * @param rateBytesPerSec  the pacing rate now.
 * @param liveReceivers    receivers still receiving or done.
 * @param rosterSize       receivers in the roster.
 * @param feedbackFrames   datagrams received on the feedback port, valid or not.
 * @param paritySent       PARITY frames sent (repairs by parity, see {@code RetransmitPolicy}).
 */
public record SenderProgress(
    long elapsedNs,
    long bytesSent,
    long bytesConfirmed,
    long packetsSent,
    long packetsResent,
    double rateBytesPerSec,
    int liveReceivers,
    int rosterSize,
    long feedbackFrames,
    long paritySent)
{
    /** The same snapshot without parity repairs. */
    public SenderProgress(final long elapsedNs, final long bytesSent, final long bytesConfirmed,
        final long packetsSent, final long packetsResent, final double rateBytesPerSec, final int liveReceivers,
        final int rosterSize, final long feedbackFrames)
    {
        this(elapsedNs, bytesSent, bytesConfirmed, packetsSent, packetsResent, rateBytesPerSec, liveReceivers,
            rosterSize, feedbackFrames, 0);
    }

    /**
     * @return repairs (retransmissions and parity packets) as a percentage of the stream's packets (first sends),
     *         as {@link #retransmitPercent()} counts retransmissions.
     */
    public double repairPercent()
    {
        return packetsSent == 0 ? 0 : 100.0 * (packetsResent + paritySent) / packetsSent;
    }

    /** @return resent frames as a percentage of first sends. */
    public double retransmitPercent()
    {
        return packetsSent == 0 ? 0 : 100.0 * packetsResent / packetsSent;
    }

    /**
     * @return datagrams sent on the data channel with stream data or parity: first sends, retransmissions and
     *         parity packets, what the lab counts on the wire and feedback is counted against.
     */
    public long dataDatagrams()
    {
        return packetsSent + packetsResent + paritySent;
    }

    /** @return feedback datagrams received as a percentage of the data datagrams sent (first sends and repairs). */
    public double feedbackPercent()
    {
        final long data = dataDatagrams();
        return data == 0 ? 0 : 100.0 * feedbackFrames / data;
    }
}
