package io.netpipe.forward;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Must-hold 2: EOF on one side becomes a half-close on the other, and the other direction keeps flowing. */
class RelayHalfCloseTest
{
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldHalfCloseBackendWhenClientShutsOutput() throws Exception
    {
        final byte[] answer = Streams.payload(7, 3 * 1024 * 1024);
        try (TestBackend backend = TestBackend.answerAfterEof(0, answer);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE))
        {
            assertArrayEquals(answer, Streams.exchange(relay.localAddress(), "GET /\n".getBytes(US_ASCII)));
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldHalfCloseClientWhenBackendShutsOutput() throws Exception
    {
        // The backend greets and shuts its write side at once, then still reads what the client sends.
        final CompletableFuture<byte[]> received = new CompletableFuture<>();
        try (TestBackend backend = TestBackend.start(0, channel ->
            {
                Streams.writeAll(channel, "hello".getBytes(US_ASCII));
                channel.shutdownOutput();
                received.complete(Streams.readAll(channel));
            });
            Relay relay = Relay.start(RelayThroughputTest.config(backend), RelayListener.NONE);
            SocketChannel client = SocketChannel.open(relay.localAddress()))
        {
            assertArrayEquals("hello".getBytes(US_ASCII), Streams.readAll(client), "greeting, then EOF");
            Streams.writeAll(client, "later".getBytes(US_ASCII));
            client.shutdownOutput();
            assertArrayEquals("later".getBytes(US_ASCII), received.get(), "the client's bytes after the backend's EOF");
            assertEquals(-1, client.read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReportBytesOfACleanPair() throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (TestBackend backend = TestBackend.answerAfterEof(0, new byte[3]);
            Relay relay = Relay.start(RelayThroughputTest.config(backend), listener))
        {
            Streams.exchange(relay.localAddress(), new byte[11]);
            Streams.await(() -> 1 == listener.reports.size(), java.time.Duration.ofSeconds(5), "report");
            final ConnectionReport report = listener.reports.getFirst();
            assertEquals(11, report.bytesToBackend());
            assertEquals(3, report.bytesToClient());
            assertEquals(null, report.failure());
        }
    }
}
