// Sequential connections for bench.sh: connect, send 5 bytes, half-close, read the echo to EOF, close; repeat.
// Usage: java ConnectLoop.java HOST PORT COUNT [WARMUP]   Prints the measured connections per second.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

static final byte[] HELLO = "hello".getBytes();

void main(String[] args) throws IOException
{
    final InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    final int count = Integer.parseInt(args[2]);
    final int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    final ByteBuffer in = ByteBuffer.allocate(64);
    for (int i = 0; i < warmup; i++)
    {
        once(address, in);
    }
    final long startNs = System.nanoTime();
    for (int i = 0; i < count; i++)
    {
        once(address, in);
    }
    final double seconds = (System.nanoTime() - startNs) / 1e9;
    System.out.printf("%.0f%n", count / seconds);
}

void once(InetSocketAddress address, ByteBuffer in) throws IOException
{
    try (SocketChannel channel = SocketChannel.open(address))
    {
        channel.write(ByteBuffer.wrap(HELLO));
        channel.shutdownOutput();
        in.clear();
        while (channel.read(in) >= 0)
        {
            // read the echo until the relay passes on the backend's EOF
        }
        if (in.position() != HELLO.length || !Arrays.equals(in.array(), 0, HELLO.length, HELLO, 0, HELLO.length))
        {
            throw new IOException("bad echo: " + in.position() + " bytes");
        }
    }
}
