package io.netpipe.protocol.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * The pre-shared key on disk: one line, {@code netpipe-key-v1 <base64 of 32 bytes>}, and a newline. Like ssh with
 * a private key, a file that its group or others may read, write or execute is refused (mode 0600 or 0400 only).
 */
public final class KeyFile
{
    /** The first word of a key file: the format's name and version. */
    public static final String FORMAT = "netpipe-key-v1";
    /** Longer files are not key files: refused without reading them whole. */
    static final long MAX_SIZE = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile()
    {
    }

    /**
     * @param key the key.
     * @return the file's content.
     */
    public static String format(final PreSharedKey key)
    {
        return FORMAT + " " + Base64.getEncoder().encodeToString(key.bytes()) + "\n";
    }

    /**
     * Writes a key file readable by its owner only. Without {@code force} an existing file is never replaced; with it
     * the new file takes the old one's place atomically, so the old key is never half overwritten.
     *
     * @param path  the file.
     * @param key   the key.
     * @param force replace an existing file.
     * @throws KeyFileException when the file exists (without force) or cannot be written.
     */
    public static void write(final Path path, final PreSharedKey key, final boolean force) throws KeyFileException
    {
        final FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        final byte[] content = format(key).getBytes(StandardCharsets.US_ASCII);
        try
        {
            if (!force)
            {
                Files.write(Files.createFile(path, ownerOnly), content);
                return;
            }
            final Path parent = path.toAbsolutePath().getParent();
            final Path temporary = Files.createTempFile(parent, ".netpipe-key", ".tmp", ownerOnly);
            try
            {
                Files.write(temporary, content);
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finally
            {
                Files.deleteIfExists(temporary);
            }
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new KeyFileException("key file " + path + " exists; refusing to overwrite it without --force");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new KeyFileException("cannot write key file " + path + ": " + reason(ex));
        }
    }

    /**
     * @param path the file.
     * @return the key it holds.
     * @throws KeyFileException when it is missing, unreadable, not a regular file, open to group or others, or
     *                          not one well-formed line.
     */
    public static PreSharedKey load(final Path path) throws KeyFileException
    {
        final byte[] content;
        try
        {
            final BasicFileAttributes attributes = attributes(path);
            if (!attributes.isRegularFile())
            {
                throw new KeyFileException("key file " + path + " is not a regular file");
            }
            if (attributes instanceof PosixFileAttributes posix && !OWNER_ONLY.containsAll(posix.permissions()))
            {
                throw new KeyFileException("key file " + path + " is accessible by others (mode " +
                    PosixFilePermissions.toString(posix.permissions()) + "); run: chmod 600 " + path);
            }
            if (attributes.size() > MAX_SIZE)
            {
                throw malformed(path);
            }
            content = Files.readAllBytes(path);
        }
        catch (final NoSuchFileException ex)
        {
            throw new KeyFileException("key file " + path + " does not exist (make one with: netpipe keygen " +
                path + ")");
        }
        catch (final AccessDeniedException ex)
        {
            throw new KeyFileException("cannot read key file " + path + ": permission denied");
        }
        catch (final IOException ex)
        {
            throw new KeyFileException("cannot read key file " + path + ": " + reason(ex));
        }
        return parse(path, content);
    }

    /**
     * @param path    the file, for the message.
     * @param content the file's bytes.
     * @return the key.
     * @throws KeyFileException when the content is not one well-formed line.
     */
    static PreSharedKey parse(final Path path, final byte[] content) throws KeyFileException
    {
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.endsWith("\n"))
        {
            text = text.substring(0, text.length() - 1);
        }
        final int space = text.indexOf(' ');
        if (space < 0 || !FORMAT.equals(text.substring(0, space)))
        {
            throw malformed(path);
        }
        final byte[] bytes;
        try
        {
            bytes = Base64.getDecoder().decode(text.substring(space + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw malformed(path);
        }
        if (bytes.length != PreSharedKey.LENGTH)
        {
            throw malformed(path);
        }
        return new PreSharedKey(bytes);
    }

    private static BasicFileAttributes attributes(final Path path) throws IOException
    {
        try
        {
            return Files.readAttributes(path, PosixFileAttributes.class);
        }
        catch (final UnsupportedOperationException ex)
        {
            // Not a POSIX file system: there are no mode bits to check.
            return Files.readAttributes(path, BasicFileAttributes.class);
        }
    }

    private static KeyFileException malformed(final Path path)
    {
        return new KeyFileException("key file " + path + " is malformed: expected one line '" + FORMAT +
            " <base64 of " + PreSharedKey.LENGTH + " bytes>'");
    }

    private static String reason(final Exception ex)
    {
        return ex instanceof AccessDeniedException ? "permission denied" :
            ex instanceof NoSuchFileException ? "no such file or directory" :
            null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
