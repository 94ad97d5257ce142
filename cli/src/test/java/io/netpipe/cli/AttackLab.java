package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.netpipe.protocol.crypto.KeyFile;
import io.netpipe.protocol.crypto.PreSharedKey;

/**
 * Shared set-up of {@link AttackLabIT}: a lab of two receivers and a third host, rx3, that runs the {@link Forger};
 * the sender reads a named pipe the test feeds, so an attack lands mid-session, while the sender waits for input.
 */
abstract class AttackLab
{
    static final int PORT = 9000;
    /** Payload bytes of a DATA frame without a key: 1472 - 20. */
    static final int PAYLOAD = 1452;
    static final int ATTACKER = 3;

    @TempDir
    Path tmp;

    LabFixture lab;
    ForgerHandle forger;

    /** @return the lab's name, letters only, distinct per class. */
    abstract String labName();

    /** @return the first three octets of the lab's /24, distinct per class. */
    abstract String labNet();

    @BeforeEach
    void createLab(final TestInfo test) throws IOException
    {
        LabFixture.assumeLabAvailable();
        LabFixture.removeStaleLabs();
        final Path logs = Path.of("target", "lab-logs", getClass().getSimpleName(),
            test.getTestMethod().map(m -> m.getName()).orElse("test"));
        lab = new LabFixture(labName(), labNet(), Files.createDirectories(logs));
        lab.up(ATTACKER);
    }

    @AfterEach
    void removeLab()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    /** Starts the forger on rx3, listening on the data port. */
    void startForger() throws IOException
    {
        forger = new ForgerHandle(lab.java(ATTACKER, "forger", Forger.class, Integer.toString(PORT),
            lab.broadcastAddress()));
    }

    /**
     * Gives the attacker another host's address as well (ARP answers off), so what it forges comes from there.
     *
     * @param address the sender's or a receiver's address.
     */
    void spoof(final String address) throws IOException
    {
        check(lab.exec(ATTACKER, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=8", "net.ipv4.conf.eth0.arp_ignore=8",
            "net.ipv4.conf.all.accept_local=1", "net.ipv4.conf.eth0.accept_local=1"));
        check(lab.exec(ATTACKER, "ip", "addr", "add", address + "/32", "dev", "eth0"));
        forger.ask("from " + address);
    }

    private static void check(final boolean ok)
    {
        assertTrue(ok, "setting up the attacker failed");
    }

    /**
     * Waits until a host has a socket bound to the data port (a receiver ready to hear a session).
     *
     * @param host a receiver's number.
     */
    void awaitBound(final int host) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!lab.exec(host, "sh", "-c", "ss -Huln 'sport = :" + PORT + "' | grep -q ."))
        {
            assertTrue(System.nanoTime() - deadline < 0, "rx" + host + " never bound port " + PORT);
            Thread.sleep(50);
        }
    }

    Path keyFile() throws Exception
    {
        final Path file = tmp.resolve("lab.key");
        KeyFile.write(file, PreSharedKey.generate(new SecureRandom()), false);
        return file;
    }

    /** A named pipe fed from a file: the first part at once, the rest on {@link #release()}. */
    static final class Feed
    {
        final Path fifo;
        private final CountDownLatch go = new CountDownLatch(1);
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Feed(final Path dir, final Path file, final long firstPart) throws IOException, InterruptedException
        {
            fifo = dir.resolve("input.fifo");
            final Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
            assertEquals(0, mk.waitFor());
            Thread.ofPlatform().daemon().name("feed").start(() ->
            {
                try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(fifo))
                {
                    out.write(in.readNBytes((int)firstPart));
                    out.flush();
                    go.await();
                    in.transferTo(out);
                    done.complete(null);
                }
                catch (final IOException | InterruptedException ex)
                {
                    done.completeExceptionally(ex);
                }
            });
        }

        void release()
        {
            go.countDown();
        }
    }

    /**
     * @param file a file.
     * @param bytes how many of its first bytes.
     * @return their SHA-256 in hex.
     */
    static String prefixDigest(final Path file, final long bytes) throws Exception
    {
        final MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file))
        {
            md.update(in.readNBytes((int)bytes));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Asserts the promise of issue 11: a receiver exits 0 only with the exact stream; it otherwise exits with 4 and
     * one line that is not an internal error; the sender exits 0 only when every receiver has the stream.
     *
     * @return the receivers' exit codes.
     */
    List<Integer> assertNoFalseSuccess(final Process sender, final List<Process> receivers, final List<Path> outputs,
        final String expected) throws Exception
    {
        final int senderRc = LabFixture.await(sender, 120);
        assertTrue(senderRc >= 0, "the sender hung" + lab.stderrTails("tx"));
        final List<Integer> codes = new ArrayList<>();
        boolean all = true;
        for (int i = 0; i < receivers.size(); i++)
        {
            final String name = "rx" + (i + 1);
            final int rc = LabFixture.await(receivers.get(i), 60);
            codes.add(rc);
            assertTrue(rc >= 0, name + " hung" + lab.stderrTails("tx", name));
            final boolean identical = Files.exists(outputs.get(i)) &&
                expected.equals(LabFixture.sha256(outputs.get(i)));
            if (rc == 0)
            {
                assertTrue(identical, name + " exited 0 with a stream that is not the sender's" +
                    lab.stderrTails("tx", name));
            }
            else
            {
                assertEquals(ExitCodes.INCOMPLETE, rc, name + lab.stderrTails(name));
                assertTrue(!lab.stderr(name).contains("internal error"), lab.stderrTails(name));
            }
            all &= rc == 0 && identical;
        }
        if (senderRc == 0)
        {
            assertTrue(all, "the sender reported success for receivers without the stream " + codes +
                lab.stderrTails("tx"));
        }
        return codes;
    }

    /** Waits until a receiver has written at least {@code bytes} to {@code file}. */
    static void awaitSize(final Path file, final long bytes) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(file) || Files.size(file) < bytes)
        {
            assertTrue(System.nanoTime() - deadline < 0, file + " never reached " + bytes + " bytes");
            Thread.sleep(20);
        }
    }

    /** Waits until the forger has heard DATA up to at least {@code sequence}. */
    void awaitHeard(final long sequence) throws Exception
    {
        forger.await(l -> Long.parseLong(l.split(" ")[4]) >= sequence, 60);
    }
}
