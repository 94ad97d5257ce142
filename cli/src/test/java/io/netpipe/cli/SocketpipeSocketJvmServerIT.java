package io.netpipe.cli;

import java.util.Map;

/**
 * {@link SocketpipeSocketIT} with the JVM server instance, which {@code bin/netpipe} starts when its shell cannot serve the
 * remote side ({@code NETPIPE_SOCKETPIPE_SERVER=jvm} forces it; {@code env} passes the variable on): the same
 * socket and stdio handling, whichever serves.
 */
class SocketpipeSocketJvmServerIT extends SocketpipeSocketIT
{
    @Override
    Map<String, String> environment()
    {
        return Map.of("NETPIPE_SOCKETPIPE_SERVER", "jvm");
    }
}
