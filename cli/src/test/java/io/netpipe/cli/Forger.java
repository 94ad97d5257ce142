package io.netpipe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.DataFrame;
import io.netpipe.protocol.EofFrame;
import io.netpipe.protocol.FrameHeader;
import io.netpipe.protocol.FrameSealer;
import io.netpipe.protocol.FrameType;
import io.netpipe.protocol.HeartbeatFrame;
import io.netpipe.protocol.JoinFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.protocol.SessionSealing;
import io.netpipe.protocol.StatusFrame;

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
    private final FrameSealer sealer = SessionSealing.unkeyed().newSealer();
    private final ByteBuffer frame = ByteBuffer.allocate(65536);
    private final SplittableRandom random = new SplittableRandom(11);
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
                        final long[] nonces = new long[announce.rosterCount()];
                        for (int i = 0; i < nonces.length; i++)
                        {
                            nonces[i] = announce.nonce(i);
                        }
                        roster = nonces.length > 0 ? nonces : roster;
                    }
                }
                else if (header.typeCode() == FrameType.ANNOUNCE.code() && header.sessionId() == sessionId &&
                    announce.wrap(buf).isComplete(copy.length) && announce.rosterCount() > roster.length)
                {
                    final long[] nonces = new long[announce.rosterCount()];
                    for (int i = 0; i < nonces.length; i++)
                    {
                        nonces[i] = announce.nonce(i);
                    }
                    roster = nonces;
                }
                else if (header.typeCode() == FrameType.DATA.code() && header.sessionId() == sessionId &&
                    copy.length > DataFrame.PAYLOAD_OFFSET)
                {
                    highestSequence = Math.max(highestSequence, data.wrap(buf).sequence());
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
            case "data" -> send(dataFrame(Long.parseLong(cmd[1]), Integer.parseInt(cmd[2])), broadcast, 1);
            case "eof" -> send(eofFrame(Long.parseLong(cmd[1]), Long.parseLong(cmd[2]), HexFormat.of().parseHex(cmd[3])),
                broadcast, 1);
            case "heartbeat" -> send(heartbeat(Long.parseLong(cmd[1]), cmd.length > 2 ? Long.parseLong(cmd[2]) : 0,
                cmd.length > 3 ? (int)Long.parseLong(cmd[3]) : 0), broadcast, 1);
            case "bye" -> send(bye(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]), cmd.length > 3 ? cmd[3] : ""),
                broadcast, 1);
            case "announce" -> send(announce(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]),
                (int)Long.parseLong(cmd[3]), Integer.parseInt(cmd[4])), broadcast, 1);
            case "status" -> statusToRoster(cmd);
            case "join" ->
            {
                // {@code join COUNT}: COUNT JOINs, each with a nonce of its own (a crowd of ghost receivers).
                for (int i = Integer.parseInt(cmd[1]); i > 0; i--)
                {
                    send(join(0, cmd.length > 2 ? (int)Long.parseLong(cmd[2]) : 4096), feedback(), 1);
                }
                yield "ok";
            }
            case "replay" -> replay();
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

    private InetSocketAddress feedback()
    {
        return new InetSocketAddress(sender, port + 1);
    }

    /** {@code status FLAGS CONTIGUOUS WINDOW_END COUNT}: STATUS for every roster entry, with its nonce, COUNT times. */
    private String statusToRoster(final String[] cmd) throws IOException
    {
        final long[] nonces = roster.length > 0 ? roster : new long[] {random.nextLong()};
        for (int i = 0; i < nonces.length; i++)
        {
            final ByteBuffer f = status(i, Integer.parseInt(cmd[1]), nonces[i], Long.parseLong(cmd[2]),
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

    private ByteBuffer seal(final FrameHeader header, final FrameType type, final int length)
    {
        header.writeHeader(type, sessionId);
        sealer.seal(frame, 0, length);
        final ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, frame, 0, length);
        return copy;
    }

    private ByteBuffer dataFrame(final long sequence, final int payload)
    {
        final DataFrame f = new DataFrame();
        f.wrap(frame.clear());
        f.sequence(sequence);
        final byte[] bytes = new byte[payload];
        random.nextBytes(bytes);
        frame.put(DataFrame.PAYLOAD_OFFSET, bytes);
        return seal(f, FrameType.DATA, DataFrame.PAYLOAD_OFFSET + payload);
    }

    private ByteBuffer eofFrame(final long packets, final long bytes, final byte[] digest)
    {
        final EofFrame f = new EofFrame();
        f.wrap(frame.clear());
        f.packetCount(packets).byteCount(bytes).putDigest(digest);
        return seal(f, FrameType.EOF, EofFrame.LENGTH);
    }

    private ByteBuffer heartbeat(final long next, final long rangeStart, final int rangeLength)
    {
        final HeartbeatFrame f = new HeartbeatFrame();
        f.wrap(frame.clear());
        f.nextSequence(next);
        if (rangeLength != 0)
        {
            f.range(0, rangeStart, rangeLength);
        }
        return seal(f, FrameType.HEARTBEAT, HeartbeatFrame.length(f.rangeCount()));
    }

    private ByteBuffer bye(final int reason, final int receiverId, final String text)
    {
        final ByeFrame f = new ByeFrame();
        f.wrap(frame.clear());
        final int length = f.write(reason, receiverId, text.replace("\\e", "\033").replace('_', ' '));
        return seal(f, FrameType.BYE, length);
    }

    private ByteBuffer announce(final int phase, final int packet, final int group, final int rosterCount)
    {
        final AnnounceFrame f = new AnnounceFrame();
        f.wrap(frame.clear());
        f.write(Phase.SEEK, packet, group, rosterCount, rosterCount);
        // Any phase code, also none that exists.
        frame.put(AnnounceFrame.PHASE_OFFSET, (byte)phase);
        for (int i = 0; i < rosterCount; i++)
        {
            f.nonce(i, random.nextLong());
        }
        return seal(f, FrameType.ANNOUNCE, AnnounceFrame.length(rosterCount));
    }

    private ByteBuffer status(final int receiverId, final int flags, final long nonce, final long contiguous,
        final long windowEnd)
    {
        final StatusFrame f = new StatusFrame();
        f.wrap(frame.clear());
        f.write(receiverId, flags, nonce, contiguous, windowEnd, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return seal(f, FrameType.STATUS, StatusFrame.length(0));
    }

    private ByteBuffer join(final long nonce, final int window)
    {
        final JoinFrame f = new JoinFrame();
        f.wrap(frame.clear());
        final int length = f.write(nonce == 0 ? random.nextLong() : nonce, window, "ghost");
        return seal(f, FrameType.JOIN, length);
    }

    /** The test's side of a running forger: one command, one answer. */
    static final class Handle
    {
        private final PrintStream in;
        private final BufferedReader out;

        Handle(final Process process)
        {
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * @param command a command line.
         * @return its answer, which must start with {@code ok}.
         */
        String ask(final String command) throws IOException
        {
            in.println(command);
            final String answer = out.readLine();
            if (null == answer || !answer.startsWith("ok"))
            {
                throw new IllegalStateException("forger: " + command + " -> " + answer);
            }
            return answer;
        }

        /**
         * Asks {@code learned} until its answer passes the test.
         *
         * @param test    what the answer must satisfy.
         * @param seconds how long at most.
         * @return the answer.
         */
        String await(final Predicate<String> test, final long seconds) throws IOException, InterruptedException
        {
            final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            String answer = ask("learned");
            while (!test.test(answer))
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("forger never learned enough: " + answer);
                }
                Thread.sleep(20);
                answer = ask("learned");
            }
            return answer;
        }
    }
}
