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
    long feedbackFrames)
{
    /** @return resent frames as a percentage of first sends. */
    public double retransmitPercent()
    {
        return packetsSent == 0 ? 0 : 100.0 * packetsResent / packetsSent;
    }

    /** @return DATA datagrams sent, first sends and repairs: what feedback and repairs are counted against. */
    public long dataDatagrams()
    {
        return packetsSent + packetsResent;
    }

    /** @return repairs as a percentage of the data datagrams sent. */
    public double repairPercent()
    {
        final long data = dataDatagrams();
        return data == 0 ? 0 : 100.0 * packetsResent / data;
    }

    /** @return feedback datagrams received as a percentage of the data datagrams sent (first sends and repairs). */
    public double feedbackPercent()
    {
        final long data = dataDatagrams();
        return data == 0 ? 0 : 100.0 * feedbackFrames / data;
    }
}
