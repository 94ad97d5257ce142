package io.netpipe.socketpipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import io.netpipe.libc.Poll;
import io.netpipe.libc.PosixException;
import io.netpipe.libc.SocketIo;

/**
 * Proves to each side that the other is its partner before any command owns the socket. The local side makes a
 * random 128-bit token and passes it to the server instance in its arguments. The server instance connects and
 * sends a hello, the local side checks it and answers in the hello's form:
 * <pre>
 * binary (the JVM server instance):   server -> local: "NPSP" token[16]          (20 bytes)
 *                                     local -> server: "NPOK" token[16]          (20 bytes)
 * text (the launcher's shell one):    server -> local: "NPSH" 32 hex digits      (36 bytes)
 *                                     local -> server: "NPOK" 32 hex digits      (36 bytes)
 * </pre>
 * The text form exists because a shell cannot read a NUL byte, which a binary token may hold (bin/netpipe serves
 * without a JVM when it can). Each server instance sends the form it can read; a local side of a version that
 * knows only the binary form drops the text hello, and the shell then starts the JVM server instance instead.
 * <p>
 * So the local side hands its commands only a connection from the server instance it started (a port scanner or
 * another user's process that connects first is dropped), and the server instance runs the remote command only
 * against the netpipe that asked for it (not some other service that happens to listen on that port on the host it
 * guessed). Each side reads exactly the bytes of its message: command data that follows is never consumed.
 */
final class Pairing
{
    /** Bytes each side sends in the binary form. */
    static final int MESSAGE_BYTES = 20;

    private static final int MAGIC_BYTES = 4;
    private static final int TOKEN_BYTES = 16;
    private static final byte[] HELLO = "NPSP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_HELLO = "NPSH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "NPOK".getBytes(StandardCharsets.US_ASCII);
    /** The kernel's random source, which {@code SecureRandom} would read too after loading its providers. */
    private static final Path URANDOM = Path.of("/dev/urandom");

    private final byte[] token;

    private Pairing(final byte[] token)
    {
        this.token = token;
    }

    /** @return a pairing with a fresh random token, for the local side. */
    static Pairing random()
    {
        // Read directly: building a SecureRandom loads and initialises the security providers, about 0.05 s of a
        // start-up that is all on the user's clock (and the server instance, which only parses a token, paid it too
        // while this was a static field).
        final byte[] token = new byte[TOKEN_BYTES];
        try (InputStream in = Files.newInputStream(URANDOM))
        {
            if (in.readNBytes(token, 0, TOKEN_BYTES) == TOKEN_BYTES)
            {
                return new Pairing(token);
            }
        }
        catch (final IOException ex)
        {
            // fall back below
        }
        new SecureRandom().nextBytes(token);
        return new Pairing(token);
    }

    /** @return the pairing for a token received as 32 hex digits, for the server instance. */
    static Pairing of(final String hex)
    {
        return new Pairing(HexFormat.of().parseHex(hex));
    }

    /** @return the token as 32 lowercase hex digits, for the server instance's arguments. */
    String hex()
    {
        return HexFormat.of().formatHex(token);
    }

    /**
     * The local side: reads the hello from a freshly accepted connection and answers it, in its form, if it carries
     * our token.
     *
     * @param deadlineNs {@link System#nanoTime()} after which to give up on a peer that sends nothing.
     * @return whether the peer is our server instance; if not, the caller closes the connection.
     */
    boolean answer(final int fd, final long deadlineNs) throws PosixException
    {
        final byte[] magic = receive(fd, MAGIC_BYTES, deadlineNs);
        if (Arrays.equals(magic, HELLO))
        {
            if (!MessageDigest.isEqual(receive(fd, TOKEN_BYTES, deadlineNs), token))
            {
                return false;
            }
            SocketIo.sendAll(fd, message(ANSWER));
            return true;
        }
        if (Arrays.equals(magic, TEXT_HELLO))
        {
            final byte[] hex = hex().getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(receive(fd, hex.length, deadlineNs), hex))
            {
                return false;
            }
            final byte[] answer = Arrays.copyOf(ANSWER, MAGIC_BYTES + hex.length);
            System.arraycopy(hex, 0, answer, MAGIC_BYTES, hex.length);
            SocketIo.sendAll(fd, answer);
            return true;
        }
        return false;
    }

    /**
     * The server instance: sends the hello and waits for the local side's answer.
     *
     * @param deadlineNs {@link System#nanoTime()} after which to give up waiting for the answer.
     * @return whether the local side answered with our token.
     */
    boolean offer(final int fd, final long deadlineNs) throws PosixException
    {
        SocketIo.sendAll(fd, message(HELLO));
        return matches(fd, ANSWER, deadlineNs);
    }

    private byte[] message(final byte[] magic)
    {
        final byte[] message = Arrays.copyOf(magic, MESSAGE_BYTES);
        System.arraycopy(token, 0, message, magic.length, TOKEN_BYTES);
        return message;
    }

    private boolean matches(final int fd, final byte[] magic, final long deadlineNs) throws PosixException
    {
        return MessageDigest.isEqual(receive(fd, MESSAGE_BYTES, deadlineNs), message(magic));
    }

    /** @return exactly {@code count} bytes, or fewer (then no match) if the peer closed or the deadline passed. */
    private static byte[] receive(final int fd, final int count, final long deadlineNs) throws PosixException
    {
        final byte[] received = new byte[count];
        int have = 0;
        while (have < count)
        {
            final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0 || 0 == Poll.await((int)Math.min(leftMs, Integer.MAX_VALUE), fd))
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    return Arrays.copyOf(received, have);
                }
                continue;
            }
            final int n = SocketIo.recv(fd, received, have, count - have);
            if (0 == n)
            {
                return Arrays.copyOf(received, have);
            }
            have += n;
        }
        return received;
    }
}
