package io.netpipe.receiver;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * An output whose success is known only once it has the whole stream: a command fed the stream on stdin
 * ({@code recv --exec}) succeeds only when it exits 0. The {@link StreamWriter} calls {@link #finish()} after the
 * last byte was written and the digest matched, before the receiver confirms DONE, so a command that fails at the
 * end (a disk that fails its last flush) is reported to the sender as a failure, not as success.
 */
public interface FinishingOutput extends WritableByteChannel
{
    /**
     * Ends the stream and waits for the output's verdict; blocks the writer's thread, never the network thread.
     *
     * @throws IOException the reason the output failed, one sentence (for example "exec: exit status 1").
     */
    void finish() throws IOException;
}
