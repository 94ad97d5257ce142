// Echo backend for bench.sh: every connection echoes until EOF, then half-closes. One virtual thread per connection.
// Usage: java EchoServer.java PORT   (listens on 127.0.0.1 only)
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

void main(String[] args) throws IOException
{
    try (ServerSocketChannel server = ServerSocketChannel.open())
    {
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 4096);
        while (true)
        {
            final SocketChannel channel = server.accept();
            Thread.ofVirtual().start(() -> echo(channel));
        }
    }
}

void echo(SocketChannel channel)
{
    final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
    try (channel)
    {
        while (channel.read(buffer.clear()) >= 0)
        {
            buffer.flip();
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        channel.shutdownOutput();
    }
    catch (IOException ignore)
    {
        // a client that resets is the client's business
    }
}
