package io.netpipe.receiver;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Remembers what the receiver told its listener. */
final class RecordingListener implements ReceiverListener
{
    final List<Integer> sessions = new ArrayList<>();
    final List<Integer> admitted = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final List<Long> noSessionHints = new ArrayList<>();

    @Override
    public void sessionFound(final InetSocketAddress sender, final int sessionId)
    {
        sessions.add(sessionId);
    }

    @Override
    public void admitted(final int receiverId)
    {
        admitted.add(receiverId);
    }

    @Override
    public void notice(final String text)
    {
        notices.add(text);
    }

    @Override
    public void noSessionHeard(final long waitedNs)
    {
        noSessionHints.add(waitedNs);
    }
}
