package io.netpipe.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/** SHA-256 of files, to check that every receiver's copy is the sender's. */
final class Hashes
{
    private Hashes()
    {
    }

    /**
     * @param file a file.
     * @return its SHA-256, lower-case hex.
     * @throws IOException if it cannot be read.
     */
    static String sha256(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return sha256(in);
        }
    }

    /**
     * Hashes a stream on a thread of its own, so a receiver's output pipe never fills while the driver waits.
     *
     * @param in the stream; closed at its end.
     * @return its SHA-256 once read, or "error: ..." when reading failed.
     */
    static CompletableFuture<String> sha256Async(final InputStream in)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sha256").start(() ->
        {
            try (in)
            {
                result.complete(sha256(in));
            }
            catch (final IOException ex)
            {
                result.complete("error: " + ex);
            }
        });
        return result;
    }

    private static String sha256(final InputStream in) throws IOException
    {
        try
        {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            final byte[] buf = new byte[1 << 20];
            int r;
            while ((r = in.read(buf)) >= 0)
            {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
