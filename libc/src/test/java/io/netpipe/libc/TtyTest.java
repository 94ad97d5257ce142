package io.netpipe.libc;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
class TtyTest
{
    @Test
    void shouldSayAPipeIsNoTerminalAndHasNoSize() throws Exception
    {
        final Process probe = probe(new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
            Probe.class.getName()));

        assertEquals("false null\n", output(probe));
    }

    @Test
    void shouldReadTheSizeOfAPseudoTerminal() throws Exception
    {
        assumeTrue(new File("/usr/bin/script").canExecute() && new File("/usr/bin/stty").canExecute(),
            "script and stty (util-linux, coreutils) are not installed");
        final String command = "stty cols 97 rows 31; exec '" + java() + "' --enable-native-access=ALL-UNNAMED -cp '" +
            classPath() + "' '" + Probe.class.getName() + "'";

        final Process probe = probe(new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null"));

        assertTrue(output(probe).contains("true WindowSize[columns=97, rows=31]"), "inside script's pseudo-terminal");
    }

    @Test
    void shouldSayAClosedDescriptorIsNoTerminal()
    {
        assertFalse(Tty.isTerminal(Integer.MAX_VALUE), "no such descriptor");
        assertNull(Tty.windowSize(Integer.MAX_VALUE));
    }

    /** Prints whether its stdout is a terminal and the terminal's size. */
    static final class Probe
    {
        public static void main(final String[] args)
        {
            System.out.println(Tty.isTerminal(1) + " " + Tty.windowSize(1));
        }
    }

    private static Process probe(final ProcessBuilder builder) throws Exception
    {
        return builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
    }

    private static String output(final Process process) throws Exception
    {
        final String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "still running");
        return text.replace("\r", "");
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath()
    {
        return System.getProperty("java.class.path");
    }
}
