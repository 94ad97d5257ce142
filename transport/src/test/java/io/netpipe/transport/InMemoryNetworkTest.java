package io.netpipe.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    private final ByteBuffer rx = ByteBuffer.allocate(64);

    private static ByteBuffer datagram(final int value)
    {
        return ByteBuffer.allocate(4).putInt(0, value);
    }

    private List<Integer> drain(final InMemoryNetwork.Endpoint endpoint)
    {
        final List<Integer> values = new ArrayList<>();
        while (null != Receive.one(endpoint, rx))
        {
            values.add(rx.getInt(0));
        }
        return values;
    }

    @Test
    void shouldDeliverUnicastOnlyToAddressedEndpoint()
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
    void shouldReportSourceAddressAndLength()
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        sender.send(datagram(7), RX1);

        assertEquals(SENDER, Receive.one(rx1, rx));
        assertEquals(0, rx.position());
        assertEquals(4, rx.limit());
        assertNull(Receive.one(rx1, rx));
        assertEquals(0, rx.limit());
    }

    @Test
    void shouldBroadcastToEveryOtherEndpointOnThatPort()
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
    void shouldLeaveSentDatagramUntouched()
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
    void shouldDropEverythingAtLossRateOne()
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
    void shouldDuplicateEveryDatagramAtDuplicateRateOne()
    {
        final InMemoryNetwork network = new InMemoryNetwork(1, 0, 1.0, 0);
        final InMemoryNetwork.Endpoint sender = network.endpoint(SENDER);
        final InMemoryNetwork.Endpoint rx1 = network.endpoint(RX1);

        sender.send(datagram(1), RX1);
        sender.send(datagram(2), RX1);

        assertEquals(List.of(1, 1, 2, 2), drain(rx1));
    }

    @Test
    void shouldDeliverHeldBackDatagramAfterTheNextOne()
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
    void shouldReplaySameFatesForSameSeed()
    {
        assertEquals(fates(42), fates(42));
    }

    private List<Integer> fates(final long seed)
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
    void shouldNeitherSendNorReceiveOnceClosed()
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
