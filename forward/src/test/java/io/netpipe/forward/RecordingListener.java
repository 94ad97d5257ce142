package io.netpipe.forward;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event a relay reports, for assertions. */
final class RecordingListener implements RelayListener
{
    final List<String> connectFailures = new CopyOnWriteArrayList<>();
    final List<ConnectionReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void connectFailed(final InetSocketAddress client, final InetSocketAddress backend, final String reason)
    {
        connectFailures.add(reason);
    }

    @Override
    public void closed(final ConnectionReport report)
    {
        reports.add(report);
    }
}
