package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InMemoryNetworkTest
{
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 9001);
    private static final InetSocketAddress RX1 = new InetSocketAddress("10.0.0.2", 9000);
    private static final InetSocketAddress RX2 = new InetSocketAddress("10.0.0.3", 9000);
    private static final InetSocketAddress OTHER_PORT = new InetSocketAddress("10.0.0.4", 9002);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("10.0.0.255", 9000);

    private static ByteBuffer datagram(final int value)
    {
        return ByteBuffer.allocate(4).putInt(0, value);
    }

    private static List<Integer> drain(final InMemoryNetwork.Endpoint endpoint) throws IOException
    {
        final List<Integer> values = new ArrayList<>();
        while (0 != endpoint.receive((buffer, offset, length, from) -> values.add(buffer.getInt(offset)), 1))
        {
            // one at a time, so a held-back datagram released by the last one is still seen in order
        }
        return values;
    }

    @Test
    void shouldDeliverUnicastOnlyToAddressedEndpoint() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);
        final InMemoryNetwork.Endpoint rx2 = network.endpoint(RX2);

        sender.send(datagram(7), RX1);

        assertEquals(List.of(7), drain(rx1));
        assertEquals(List.of(), drain(rx2));
    }

    @Test
    void shouldReportSourceAddressAndLength() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        sender.send(datagram(7), RX1);

        final List<Object> seen = new ArrayList<>();
        assertEquals(1, rx1.receive((buffer, offset, length, from) ->
        {
            seen.add(from);
            seen.add(length);
        }, 10));
        assertEquals(List.of(SENDER, 4), seen);
        assertEquals(0, rx1.receive((buffer, offset, length, from) -> seen.add(from), 10));
    }

    @Test
    void shouldBroadcastToEveryOtherEndpointOnThatPort() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(new InetSocketAddress("10.0.0.1", 9000));
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);
        final InMemoryNetwork.Endpoint rx2 = network.endpoint(RX2);
        final InMemoryNetwork.Endpoint other = network.endpoint(OTHER_PORT);

        sender.send(datagram(1), BROADCAST);

        assertEquals(List.of(1), drain(rx1));
        assertEquals(List.of(1), drain(rx2));
        assertEquals(List.of(), drain(other));
        assertEquals(List.of(), drain(sender));
    }

    @Test
    void shouldLeaveSentDatagramUntouched() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        network.endpoint(RX1);
        final ByteBuffer datagram = datagram(5);

        sender.send(datagram, RX1);

        assertEquals(0, datagram.position());
        assertEquals(4, datagram.limit());
    }

    @Test
    void shouldDropEverythingAtLossRateOne() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 1.0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        for (int i = 0; i < 10; i++)
        {
            sender.send(datagram(i), RX1);
        }

        assertEquals(List.of(), drain(rx1));
        assertEquals(10, network.dropped());
        assertEquals(0, network.delivered());
    }

    @Test
    void shouldDuplicateEveryDatagramAtDuplicateRateOne() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 1.0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        sender.send(datagram(1), RX1);
        sender.send(datagram(2), RX1);

        assertEquals(List.of(1, 1, 2, 2), drain(rx1));
    }

    @Test
    void shouldDeliverHeldBackDatagramAfterTheNextOne() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 1.0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        sender.send(datagram(1), RX1);
        assertEquals(List.of(), drain(rx1));
        sender.send(datagram(2), RX1);

        assertEquals(List.of(2, 1), drain(rx1));
    }

    @Test
    void shouldReplaySameFatesForSameSeed() throws IOException
    {
        assertEquals(fates(42), fates(42));
    }

    private List<Integer> fates(final long seed) throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(seed, 0.2, 0.1, 0.1);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);
        for (int i = 0; i < 200; i++)
        {
            sender.send(datagram(i), RX1);
        }
        return drain(rx1);
    }

    @Test
    void shouldNeitherSendNorReceiveOnceClosed() throws IOException
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);
        sender.send(datagram(1), RX1);

        rx1.close();
        sender.send(datagram(2), RX1);
        rx1.send(datagram(3), SENDER);

        assertEquals(List.of(), drain(rx1));
        assertEquals(List.of(), drain(sender));
    }
}
