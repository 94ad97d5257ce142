package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recv --loop} in the lab: two lab clients on a bridge that snoops IGMP, one writing each stream to an
 * {@code -o} file named by {@code {n}} and {@code {time}}, one feeding it to an {@code --exec} command that hashes
 * it, serve three multicast sessions in a row (each joins the session's group anew); every stream's SHA-256 is the
 * same on both ends. The lab is removed afterwards, also on failure.
 */
class LabLoopIT
{
    private static final String GROUP = "239.213.131.7";

    @TempDir
    Path tmp;

    private LabFixture lab;

    @BeforeEach
    void createLab() throws Exception
    {
        LabFixture.assumeLabAvailable();
        LabFixture.removeStaleLabs();
        lab = new LabFixture("nploop", "10.213.131",
            Files.createDirectories(Path.of("target", "lab-logs", "LabLoopIT")));
    }

    @AfterEach
    void removeLab()
    {
        if (null != lab)
        {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldServeThreeMulticastSessionsInARowToFileAndCommand() throws Exception
    {
        lab.up(2);
        final Path out = Files.createDirectory(tmp.resolve("out"));
        final Path digests = tmp.resolve("digests");
        final Process files = lab.recv(1, Path.of("/dev/null"), "--loop", "--loop-count", "3",
            "-o", out.resolve("image-{n}-{time}").toString());
        final Process command = lab.recv(2, Path.of("/dev/null"), "--loop", "--loop-count", "3",
            "--exec", "sha256sum | cut -d' ' -f1 >> '" + digests + "'");

        final List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++)
        {
            final Path input = LabFixture.randomFile(tmp.resolve("in" + i), (4L << 20) + i * 777L);
            final Process sender = lab.send("-n", "2", "--dest", GROUP, input.toString());
            assertEquals(0, LabFixture.await(sender, 60), "session " + i + lab.stderrTails("tx", "rx1", "rx2"));
            sent.add(LabFixture.sha256(input));
        }

        assertEquals(0, LabFixture.await(files, 30), "the -o client" + lab.stderrTails("rx1"));
        assertEquals(0, LabFixture.await(command, 30), "the --exec client" + lab.stderrTails("rx2"));
        final List<Path> images;
        try (Stream<Path> listing = Files.list(out))
        {
            images = listing.sorted().toList();
        }
        assertEquals(3, images.size(), images::toString);
        for (int i = 0; i < 3; i++)
        {
            final String name = images.get(i).getFileName().toString();
            assertTrue(name.matches("image-" + (i + 1) + "-\\d{8}T\\d{6}Z"), name);
            assertEquals(sent.get(i), LabFixture.sha256(images.get(i)), name);
        }
        assertEquals(sent, Files.readAllLines(digests), "the command's SHA-256 of each stream");
    }
}
