package io.netpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * 1 GiB of test data that is not all zeros (so a reordered or repeated block changes the digest), made by a
 * command from an 8 MiB random file repeated 128 times, and the SHA-256 it must arrive with.
 */
final class SocketpipeData
{
    /** 1 GiB. */
    static final long BYTES = 1L << 30;

    private static final int CHUNK_BYTES = 8 << 20;
    private static final int REPEATS = (int)(BYTES / CHUNK_BYTES);

    private final Path chunk;
    private final String sha256;

    private SocketpipeData(final Path chunk, final String sha256)
    {
        this.chunk = chunk;
        this.sha256 = sha256;
    }

    /** Writes the random chunk into {@code dir} and computes the digest of the whole stream. */
    static SocketpipeData create(final Path dir) throws IOException, NoSuchAlgorithmException
    {
        final byte[] bytes = new byte[CHUNK_BYTES];
        new Random(20260421L).nextBytes(bytes);
        final Path chunk = Files.write(dir.resolve("chunk.bin"), bytes);
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < REPEATS; i++)
        {
            digest.update(bytes);
        }
        return new SocketpipeData(chunk, HexFormat.of().formatHex(digest.digest()));
    }

    /** @return the words of a command that writes the 1 GiB to its stdout. */
    List<String> generator()
    {
        return List.of("sh", "-c", "i=0; while [ $i -lt " + REPEATS + " ]; do cat \"$0\"; i=$((i+1)); done", chunk.toString());
    }

    /** @return what {@code sha256sum} prints for the 1 GiB read from stdin. */
    String sha256sumLine()
    {
        return sha256 + "  -\n";
    }
}
