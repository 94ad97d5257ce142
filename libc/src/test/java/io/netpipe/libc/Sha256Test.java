package io.netpipe.libc;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sha256Test
{
    private static final byte[] DATA = new byte[300_000];

    static
    {
        new Random(7).nextBytes(DATA);
    }

    @Test
    void shouldLoadLibcryptoOnTheseMachines()
    {
        // Every machine netpipe is built and tested on has OpenSSL 3 (Debian's libssl3, which ssh and curl need):
        // where it is missing, send and recv would hash at a third of the speed without saying so.
        assertTrue(Sha256.usesLibcrypto(), "libcrypto.so.3 could not be loaded");
    }

    @Test
    void shouldDigestTheEmptyStream()
    {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            HexFormat.of().formatHex(Sha256.newDigest().digest()));
    }

    @Test
    void shouldMatchTheJdkOverDirectBuffersInAnyChunks() throws Exception
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(DATA.length + 13);
        direct.put(13, DATA);
        direct.position(5).limit(77); // position and limit are the caller's, not read
        for (final Sha256 digest : new Sha256[] {Sha256.newDigest(), Sha256.jdkDigest()})
        {
            final Random chunks = new Random(3);
            for (int done = 0; done < DATA.length; )
            {
                final int n = Math.min(DATA.length - done, chunks.nextInt(70_000));
                digest.update(direct, 13 + done, n);
                done += n;
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(DATA), digest.digest());
            assertEquals(5, direct.position());
            assertEquals(77, direct.limit());
        }
    }

    @Test
    void shouldMatchTheJdkOverHeapBuffersLongerThanItsChunk() throws Exception
    {
        final byte[] padded = new byte[DATA.length + 9];
        System.arraycopy(DATA, 0, padded, 9, DATA.length);
        final ByteBuffer heap = ByteBuffer.wrap(padded, 1, padded.length - 1).slice();
        for (final Sha256 digest : new Sha256[] {Sha256.newDigest(), Sha256.jdkDigest()})
        {
            digest.update(heap, 8, DATA.length);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(DATA), digest.digest());
        }
    }

    @Test
    void shouldStartAnEmptyStreamAfterEachDigest() throws Exception
    {
        final Sha256 digest = Sha256.newDigest();
        final ByteBuffer first = ByteBuffer.allocateDirect(1000);
        digest.update(first, 0, 1000);
        digest.digest();
        final ByteBuffer second = ByteBuffer.allocateDirect(DATA.length).put(0, DATA);
        digest.update(second, 0, 100);
        digest.update(second, 100, DATA.length - 100);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(DATA), digest.digest());
    }
}
