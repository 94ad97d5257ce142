package io.netpipe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameType;

/**
 * The attacker of {@link AttackLabIT}: a third host on the lab's LAN, run in a namespace of its own. It binds the
 * data port beside the receivers (SO_REUSEADDR, so it hears every broadcast), learns the session id, the sender and
 * the roster nonces from what it hears, and forges well-formed frames with that session id and a valid CRC on
 * command. Commands come one a line on stdin; each is answered with one line on stdout starting {@code ok}.
 * <p>
 * Arguments: {@code DATA_PORT BROADCAST}. The feedback port is {@code DATA_PORT + 1}, as netpipe uses it.
 */
final class Forger
{
    private final int port;
    private final InetSocketAddress broadcast;
    private final DatagramChannel sniffer;
    private DatagramChannel out;
    private final ForgedFrames frames = new ForgedFrames();
    /** Every datagram heard, in order (the capture a replay sends again). */
    private final List<byte[]> captured = new ArrayList<>();
    private volatile int sessionId;
    private volatile InetAddress sender;
    private volatile int packetSize;
    private volatile long highestSequence = -1;
    private volatile long[] roster = new long[0];
    private volatile long heard;
    private int mark;

    private Forger(final int port, final String broadcast) throws IOException
    {
        this.port = port;
        this.broadcast = new InetSocketAddress(broadcast, port);
        sniffer = DatagramChannel.open().setOption(StandardSocketOptions.SO_REUSEADDR, true)
            .setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20).bind(new InetSocketAddress(port));
        out = DatagramChannel.open().setOption(StandardSocketOptions.SO_BROADCAST, true);
    }

    public static void main(final String[] args) throws Exception
    {
        final Forger forger = new Forger(Integer.parseInt(args[0]), args[1]);
        Thread.ofPlatform().daemon().name("sniffer").start(forger::sniff);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit"))
        {
            String answer;
            try
            {
                answer = forger.run(line.trim().split("\\s+"));
            }
            catch (final RuntimeException | IOException ex)
            {
                answer = "error " + ex;
            }
            System.out.println(answer);
            System.out.flush();
        }
        System.exit(0);
    }

    private void sniff()
    {
        final ByteBuffer buf = ByteBuffer.allocate(65536);
        final FrameHeader header = new FrameHeader();
        final AnnounceFrame announce = new AnnounceFrame();
        final DataFrame data = new DataFrame();
        try
        {
            while (true)
            {
                buf.clear();
                final InetSocketAddress from = (InetSocketAddress)sniffer.receive(buf);
                buf.flip();
                final byte[] copy = new byte[buf.remaining()];
                buf.get(0, copy);
                synchronized (captured)
                {
                    if (captured.size() < 200_000)
                    {
                        captured.add(copy);
                    }
                }
                heard++;
                if (copy.length < FrameHeader.HEADER_LENGTH || header.wrap(buf).magic() != FrameHeader.MAGIC)
                {
                    continue;
                }
                // The header is in clear also in a keyed session: its session id is there for anyone to read.
                if (header.typeCode() == FrameType.ANNOUNCE.code() && sessionId == 0)
                {
                    sender = from.getAddress();
                    sessionId = header.sessionId();
                    announce.wrap(buf);
                    if (announce.isComplete(copy.length))
                    {
                        packetSize = announce.packetSize();
                        final long[] nonces = new long[announce.entryCount()];
                        for (int i = 0; i < nonces.length; i++)
                        {
                            nonces[i] = announce.nonce(i);
                        }
                        roster = nonces.length > 0 ? nonces : roster;
                    }
                }
                else if (header.typeCode() == FrameType.ANNOUNCE.code() && header.sessionId() == sessionId &&
                    announce.wrap(buf).isComplete(copy.length) && announce.entryCount() > roster.length)
                {
                    final long[] nonces = new long[announce.entryCount()];
                    for (int i = 0; i < nonces.length; i++)
                    {
                        nonces[i] = announce.nonce(i);
                    }
                    roster = nonces;
                }
                else if (header.typeCode() == FrameType.DATA.code() && header.sessionId() == sessionId &&
                    copy.length > DataFrame.PAYLOAD_OFFSET)
                {
                    data.wrap(buf);
                    highestSequence = Math.max(highestSequence, data.sequence());
                }
            }
        }
        catch (final IOException ex)
        {
            System.err.println("sniffer: " + ex);
        }
    }

    private String run(final String[] cmd) throws IOException
    {
        return switch (cmd[0])
        {
            case "learned" -> "ok " + Integer.toHexString(sessionId) + " " +
                (null == sender ? "-" : sender.getHostAddress()) + " " + packetSize + " " + highestSequence + " " +
                roster.length + " " + heard;
            case "from" ->
            {
                // Sends from this address (an alias the test put on this host's interface): a spoofed source.
                out.close();
                out = DatagramChannel.open().setOption(StandardSocketOptions.SO_BROADCAST, true)
                    .bind(new InetSocketAddress(cmd[1], 0));
                yield "ok";
            }
            case "data" -> send(frames().dataFrame(Long.parseLong(cmd[1]), Integer.parseInt(cmd[2])), broadcast, 1);
            case "eof" -> send(frames().eofFrame(Long.parseLong(cmd[1]), Long.parseLong(cmd[2]),
                HexFormat.of().parseHex(cmd[3])), broadcast, 1);
            case "heartbeat" -> send(frames().heartbeat(Long.parseLong(cmd[1]),
                cmd.length > 2 ? Long.parseLong(cmd[2]) : 0,
                cmd.length > 3 ? (int)Long.parseLong(cmd[3]) : 0), broadcast, 1);
            case "bye" -> send(frames().bye(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]),
                cmd.length > 3 ? cmd[3] : ""),
                broadcast, 1);
            case "announce" -> send(frames().announce(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]),
                (int)Long.parseLong(cmd[3]), Integer.parseInt(cmd[4])), broadcast, 1);
            case "status" -> statusToRoster(cmd);
            case "join" ->
            {
                // {@code join COUNT}: COUNT JOINs, each with a nonce of its own (a crowd of ghost receivers).
                for (int i = Integer.parseInt(cmd[1]); i > 0; i--)
                {
                    send(frames().join(0, cmd.length > 2 ? (int)Long.parseLong(cmd[2]) : 4096), feedback(), 1);
                }
                yield "ok";
            }
            case "replay" -> replay();
            case "session" ->
            {
                // Forges for a session id of its own choosing (one that never existed).
                sessionId = Integer.parseUnsignedInt(cmd[1], 16);
                yield "ok";
            }
            case "mark" ->
            {
                // What a later replay sends: everything heard until now (an earlier session, captured).
                synchronized (captured)
                {
                    mark = captured.size();
                }
                yield "ok " + mark;
            }
            case "forget" ->
            {
                // Learns the next session afresh; the capture stays.
                sessionId = 0;
                highestSequence = -1;
                roster = new long[0];
                yield "ok";
            }
            default -> "error unknown command " + cmd[0];
        };
    }

    private ForgedFrames frames()
    {
        return frames.session(sessionId);
    }

    private InetSocketAddress feedback()
    {
        return new InetSocketAddress(sender, port + 1);
    }

    /** {@code status FLAGS CONTIGUOUS WINDOW_END COUNT}: STATUS for every roster entry, with its nonce, COUNT times. */
    private String statusToRoster(final String[] cmd) throws IOException
    {
        final long[] nonces = roster.length > 0 ? roster : new long[] {frames.nextLong()};
        for (int i = 0; i < nonces.length; i++)
        {
            final ByteBuffer f = frames().status(i, Integer.parseInt(cmd[1]), nonces[i], Long.parseLong(cmd[2]),
                Long.parseLong(cmd[3]));
            send(f, feedback(), Integer.parseInt(cmd[4]));
        }
        return "ok " + nonces.length;
    }

    private String replay() throws IOException
    {
        final List<byte[]> copy;
        synchronized (captured)
        {
            copy = List.copyOf(captured.subList(0, mark));
        }
        for (final byte[] datagram : copy)
        {
            out.send(ByteBuffer.wrap(datagram), broadcast);
            // Paced a little, so receivers' socket buffers hold it: a replay is worth nothing if it is dropped.
            Thread.onSpinWait();
        }
        return "ok " + copy.size();
    }

    private String send(final ByteBuffer f, final InetSocketAddress to, final int times) throws IOException
    {
        for (int i = 0; i < times; i++)
        {
            out.send(f.duplicate(), to);
        }
        return "ok";
    }
}
