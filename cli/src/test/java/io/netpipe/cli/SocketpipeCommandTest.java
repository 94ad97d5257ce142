package io.netpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketpipeCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldRejectUnterminatedBlockInOneLine()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "tar", "cf", "-", "-l", "{", "ssh", "h", "}", "-r", "{", "cat", "}"));

        assertEquals("netpipe socketpipe: unterminated block after -i: a closing } word is missing " +
            "(see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldRejectEmptyBlockInOneLine()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}"));

        assertEquals("netpipe socketpipe: empty block after -i: give a command between { and } " +
            "(see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldRejectMissingLoginInOneLine()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "true", "}", "-r", "{", "cat", "}"));

        assertEquals("netpipe socketpipe: missing -l { login command }, e.g. -l { ssh host } " +
            "(see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldRejectBadTimeoutWithTheDurationMessage()
    {
        assertEquals(ExitCodes.USAGE, run("-t", "soon", "-i", "{", "true", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}"));

        assertEquals("netpipe socketpipe: option -t: 'soon' is not a duration (examples: 500ms, 5s, 2m) " +
            "(see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldRejectHostAsLastArgumentInsteadOfCrashing()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "true", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}", "-h"));

        assertEquals("netpipe socketpipe: option -h needs an address (see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldRejectFromAsLastArgumentInOneLine()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "true", "}", "-l", "{", "env", "}", "-r", "{", "cat", "}", "-f"));

        assertEquals("netpipe socketpipe: option -f needs a host name or address, or any " +
            "(see 'netpipe socketpipe --help')\n", err.toString());
    }

    @Test
    void shouldDescribeFromInTheHelp()
    {
        assertEquals(ExitCodes.OK, run("--help"));

        assertTrue(out.toString().contains("\n  -f HOST       accept the connection back only from HOST, or from any host\n"),
            out.toString());
    }

    @Test
    void shouldNotTakeHelpInsideABlockAsItsOwnOption()
    {
        assertEquals(ExitCodes.USAGE, run("-i", "{", "ls", "--help", "}", "-r", "{", "cat", "}"));

        assertTrue(err.toString().startsWith("netpipe socketpipe: missing -l"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void shouldPrintHelpWithTheSynopsis()
    {
        assertEquals(ExitCodes.OK, run("--help"));

        assertTrue(out.toString().startsWith("Usage: netpipe socketpipe [-b] [-h ADDR] [-f HOST] [-t DUR] [-i { CMD ARGS }]\n" +
            "                          -l { LOGIN ARGS } -r { CMD ARGS } [-o { CMD ARGS }]\n"), out.toString());
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
    }

    private int run(final String... args)
    {
        final CommandLine cmd = Netpipe.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        final String[] all = new String[args.length + 1];
        all[0] = "socketpipe";
        System.arraycopy(args, 0, all, 1, args.length);
        return cmd.execute(all);
    }
}
