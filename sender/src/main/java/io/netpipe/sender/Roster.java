package io.netpipe.sender;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The receivers of a session, indexed by id. Owned by the sender agent; loops allocate nothing. */
final class Roster
{
    private final List<ReceiverState> receivers = new ArrayList<>();
    private final int maxSize;

    /** @param maxSize most receivers one announcement can list. */
    Roster(final int maxSize)
    {
        this.maxSize = maxSize;
    }

    int size()
    {
        return receivers.size();
    }

    ReceiverState get(final int id)
    {
        return id < receivers.size() ? receivers.get(id) : null;
    }

    List<ReceiverState> view()
    {
        return Collections.unmodifiableList(receivers);
    }

    /**
     * @return the receiver with this nonce, or {@code null}.
     * @param nonce a JOIN's nonce.
     */
    ReceiverState byNonce(final long nonce)
    {
        for (int i = 0; i < receivers.size(); i++)
        {
            if (receivers.get(i).nonce() == nonce)
            {
                return receivers.get(i);
            }
        }
        return null;
    }

    /**
     * @return a newly admitted receiver, or {@code null} when the roster is full.
     * @param nonce         its nonce.
     * @param address       where it sent from.
     * @param name          its host name.
     * @param windowPackets its reassembly window.
     * @param nowNs         now.
     */
    ReceiverState admit(
        final long nonce, final InetSocketAddress address, final String name, final int windowPackets, final long nowNs)
    {
        return admit(nonce, 0, address, name, windowPackets, nowNs);
    }

    /**
     * @return a newly admitted receiver, or {@code null} when the roster is full.
     * @param nonce         its nonce.
     * @param endSecret     the end secret it joined with.
     * @param address       where it sent from.
     * @param name          its host name.
     * @param windowPackets its reassembly window.
     * @param nowNs         now.
     */
    ReceiverState admit(final long nonce, final long endSecret, final InetSocketAddress address, final String name,
        final int windowPackets, final long nowNs)
    {
        if (receivers.size() >= maxSize)
        {
            return null;
        }
        final ReceiverState r =
            new ReceiverState(receivers.size(), nonce, endSecret, address, name, windowPackets, nowNs);
        receivers.add(r);
        return r;
    }

    /**
     * @param ifNone the answer when no receiver constrains.
     * @return the lowest first-missing sequence over receivers still live or done.
     */
    long minContiguous(final long ifNone)
    {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < receivers.size(); i++)
        {
            final ReceiverState r = receivers.get(i);
            if (r.isLive() || r.state == ReceiverState.State.DONE)
            {
                min = Math.min(min, r.contiguous);
            }
        }
        return min == Long.MAX_VALUE ? ifNone : min;
    }

    /**
     * @param state a state.
     * @return how many receivers are in it.
     */
    int count(final ReceiverState.State state)
    {
        int n = 0;
        for (int i = 0; i < receivers.size(); i++)
        {
            if (receivers.get(i).state == state)
            {
                n++;
            }
        }
        return n;
    }

    /** @return receivers still joined or receiving. */
    int liveCount()
    {
        return count(ReceiverState.State.JOINED) + count(ReceiverState.State.ACTIVE);
    }

    /**
     * @return ": receiver 2 (rx2 at 10.0.0.12) failed: exec: exit status 1; receiver 3 (...) silent for 6 s", the
     *     receivers that failed or were lost with their reasons (the summary names them), or "" when none.
     */
    String lostReasons()
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < receivers.size(); i++)
        {
            final ReceiverState r = receivers.get(i);
            if (r.state == ReceiverState.State.FAILED || r.state == ReceiverState.State.LOST)
            {
                out.append(out.isEmpty() ? ": " : "; ").append(r.describe()).append(' ').append(r.reason);
            }
        }
        return out.toString();
    }
}
