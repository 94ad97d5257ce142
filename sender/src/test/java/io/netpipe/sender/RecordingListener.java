package io.netpipe.sender;

import java.util.ArrayList;
import java.util.List;

/** Remembers what the sender told its listener. */
final class RecordingListener implements SenderListener
{
    final List<Integer> joined = new ArrayList<>();
    final List<String> lost = new ArrayList<>();
    final List<List<ReceiverState>> started = new ArrayList<>();

    @Override
    public void receiverJoined(final ReceiverState receiver)
    {
        joined.add(receiver.id());
    }

    @Override
    public void transferStarted(final List<ReceiverState> roster)
    {
        started.add(List.copyOf(roster));
    }

    @Override
    public void receiverLost(final ReceiverState receiver, final String why)
    {
        lost.add(receiver.id() + ": " + why);
    }
}
