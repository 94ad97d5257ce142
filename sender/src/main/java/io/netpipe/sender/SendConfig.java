package io.netpipe.sender;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.ParityFrame;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.protocol.SessionSealing;

/**
 * Everything a sending session is configured with.
 *
 * @param sessionId          the session id, random and non-zero.
 * @param packetSize         largest datagram, header included (1472 fits a 1500-byte MTU).
 * @param expectedReceivers  start as soon as this many receivers have joined.
 * @param minReceivers       with {@code maxWaitNs}: start after that wait if at least this many joined.
 * @param maxWaitNs          longest wait for receivers; 0 waits for {@code expectedReceivers} forever.
 * @param dropAfterNs        a receiver silent this long is dropped and named.
 * @param rateCapBytesPerSec most bytes per second on the wire, 0 for no cap (the sender still adapts).
 * @param windowPackets      packets the retransmit window holds (a power of two).
 * @param dataDestination    where DATA, HEARTBEAT, EOF and BYE go (broadcast address or multicast group).
 * @param announceDestination where ANNOUNCE goes (the same, or the rendezvous group in multicast mode).
 * @param dataGroup          the multicast group, announced to receivers; {@code null} for broadcast.
 * @param sealing            how the session's frames are sealed and verified.
 * @param fecParity          repairs by parity: {@link #FEC_OFF}, {@link #FEC_AUTO}, or on with this many parity
 *                           packets sent unasked after each block (0: parity only on demand). Unkeyed sessions only.
 */
public record SendConfig(
    int sessionId,
    int packetSize,
    int expectedReceivers,
    int minReceivers,
    long maxWaitNs,
    long dropAfterNs,
    long rateCapBytesPerSec,
    int windowPackets,
    InetSocketAddress dataDestination,
    InetSocketAddress announceDestination,
    Inet4Address dataGroup,
    SessionSealing sealing,
    int fecParity)
{
    /** {@link #fecParity()}: repairs are plain retransmissions. */
    public static final int FEC_OFF = -1;
    /**
     * {@link #fecParity()}: parity on demand while losses are spread over enough receivers for it to pay, else
     * retransmission (see the sender's {@code ParityDemand}); the default with more than one receiver.
     */
    public static final int FEC_AUTO = -2;

    /** The same session with parity repairs on demand. */
    public SendConfig(final int sessionId, final int packetSize, final int expectedReceivers, final int minReceivers,
        final long maxWaitNs, final long dropAfterNs, final long rateCapBytesPerSec, final int windowPackets,
        final InetSocketAddress dataDestination, final InetSocketAddress announceDestination,
        final Inet4Address dataGroup, final SessionSealing sealing)
    {
        this(sessionId, packetSize, expectedReceivers, minReceivers, maxWaitNs, dropAfterNs, rateCapBytesPerSec,
            windowPackets, dataDestination, announceDestination, dataGroup, sealing, 0);
    }

    /**
     * @return whether repairs may be parity packets: asked for, unkeyed (parity is computed over plaintext
     *         payloads, which a keyed sender no longer holds once the frames are sealed), and a window of at least
     *         four blocks (frames are released by whole blocks).
     */
    public boolean fecActive()
    {
        return (fecParity >= 0 || fecParity == FEC_AUTO) && sealing.trailerLength() == 0 &&
            windowPackets >= 4 * ParityFrame.BLOCK_PACKETS;
    }

    /** @return whether parity is used only while it pays ({@link #FEC_AUTO}), rather than whenever it can serve. */
    public boolean fecAdaptive()
    {
        return fecParity == FEC_AUTO;
    }

    /** @return parity packets sent unasked after each block ({@code send --fec R}), 0 for none. */
    public int fecProactive()
    {
        return Math.max(0, fecParity);
    }

    /** The same session, unkeyed: frames carry a CRC-32 only. */
    public SendConfig(final int sessionId, final int packetSize, final int expectedReceivers, final int minReceivers,
        final long maxWaitNs, final long dropAfterNs, final long rateCapBytesPerSec, final int windowPackets,
        final InetSocketAddress dataDestination, final InetSocketAddress announceDestination,
        final Inet4Address dataGroup)
    {
        this(sessionId, packetSize, expectedReceivers, minReceivers, maxWaitNs, dropAfterNs, rateCapBytesPerSec,
            windowPackets, dataDestination, announceDestination, dataGroup, SessionSealing.unkeyed());
    }

    /** @return the sizes the packet size and the sealing's trailer imply. */
    public SessionGeometry geometry()
    {
        return new SessionGeometry(packetSize, sealing.trailerLength());
    }

    /** Smallest packet size. */
    public static final int MIN_PACKET_SIZE = DataFrame.MIN_PACKET_SIZE;
    /** Largest packet size. */
    public static final int MAX_PACKET_SIZE = DataFrame.MAX_PACKET_SIZE;
    /** Default packet size: a 1500-byte Ethernet MTU minus IPv4 and UDP headers. */
    public static final int DEFAULT_PACKET_SIZE = 1472;
    /** Default retransmit window in packets (about 48 MB at the default packet size): at least a default receiver buffer, so receivers that report every few thousand packets keep the sender running. */
    public static final int DEFAULT_WINDOW_PACKETS = 32768;
}
