package io.netpipe.sender;

import java.net.InetSocketAddress;

import io.netpipe.protocol.PrintableText;

/**
 * What the sender knows of one receiver: identity, position, liveness and statistics. Written only by the
 * sender agent; listeners read it on the agent's thread (a live per-receiver view and JSON reports build on it).
 */
public final class ReceiverState
{
    /** Where a receiver is in the session. */
    public enum State
    {
        /** Admitted to the roster, not yet confirmed. */
        JOINED,
        /** Confirmed; receiving. */
        ACTIVE,
        /** Has the whole stream, digest verified. */
        DONE,
        /** Gave up (digest mismatch, output error, interrupted). */
        FAILED,
        /** Silent past the drop-after limit. */
        LOST
    }

    private final int id;
    private final long nonce;
    private final InetSocketAddress address;
    private final String name;
    private final long joinWindow;
    private final long endSecret;
    State state = State.JOINED;
    long contiguous;
    long windowEnd;
    long lastHeardNs;
    /** The {@link #lastHeardNs} its {@link #listenedSilenceNs} counts from (kept by {@link Liveness}). */
    long silenceSinceNs = Long.MIN_VALUE;
    /** Of its silence, the time the sender spent listening (kept by {@link Liveness}). */
    long listenedSilenceNs;
    /** Of its silence, the wall-clock time that counts, listening or not (kept by {@link Liveness}). */
    long countedSilenceNs;
    /** Followed by the {@link CongestionEstimator}. */
    final LossTracker loss = new LossTracker();
    long statusCount;
    long requestedCount;
    long lostCount;
    long receivedCount;
    /** Why it failed or was lost, escaped; empty while it is live or done. */
    String reason = "";

    ReceiverState(final int id, final long nonce, final long endSecret, final InetSocketAddress address,
        final String name, final long windowPackets, final long nowNs)
    {
        this.endSecret = endSecret;
        this.id = id;
        this.nonce = nonce;
        this.address = address;
        this.name = name;
        this.windowEnd = windowPackets;
        this.joinWindow = windowPackets;
        this.lastHeardNs = nowNs;
    }

    /**
     * @return the end secret it joined with: only the sender and this receiver know it, and its halves prove the
     *         sender's BYE (see {@code ByeFrame}).
     */
    long endSecret()
    {
        return endSecret;
    }

    /** @return the reassembly window it joined with, in packets: its window end never runs further ahead. */
    long joinWindow()
    {
        return joinWindow;
    }

    /** @return the receiver id (its roster index). */
    public int id()
    {
        return id;
    }

    /** @return the nonce it joined with. */
    public long nonce()
    {
        return nonce;
    }

    /** @return the address its feedback comes from. */
    public InetSocketAddress address()
    {
        return address;
    }

    /** @return the host name it reported. */
    public String name()
    {
        return name;
    }

    /** @return where it is in the session. */
    public State state()
    {
        return state;
    }

    /** @return the first sequence it does not hold. */
    public long contiguous()
    {
        return contiguous;
    }

    /** @return STATUS frames received from it. */
    public long statusCount()
    {
        return statusCount;
    }

    /** @return sequences it asked to have sent again. */
    public long requestedCount()
    {
        return requestedCount;
    }

    /** @return packets it found missing (first losses only). */
    public long lostCount()
    {
        return lostCount;
    }

    /** @return why it failed or was lost (text from the network already escaped), or "" while live or done. */
    public String reason()
    {
        return reason;
    }

    /** @return whether it still constrains the session: joined or receiving. */
    public boolean isLive()
    {
        return state == State.JOINED || state == State.ACTIVE;
    }

    /** @return "receiver 3 (lab-rx3 at 10.0.0.13)", its name escaped: it came from the network. */
    public String describe()
    {
        return "receiver " + id + " (" + (name.isEmpty() ? "" : PrintableText.escape(name) + " at ") +
            address.getAddress().getHostAddress() + ")";
    }
}
