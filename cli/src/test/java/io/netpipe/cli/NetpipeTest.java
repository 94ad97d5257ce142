package io.netpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetpipeTest
{
    @Test
    void shouldModelOnlyTheInvokedSubcommand()
    {
        assertEquals(Set.of("socketpipe"), Netpipe.commandLine("socketpipe").getSubcommands().keySet());
    }

    @Test
    void shouldListEverySubcommandInTheTopLevelHelp()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cmd = Netpipe.commandLine();
        cmd.setOut(new PrintWriter(out));

        assertEquals(ExitCodes.OK, cmd.execute("--help"));
        for (final String name : new String[] {"send", "recv", "socketpipe", "forward", "keygen", "help"})
        {
            assertTrue(out.toString().contains("\n  " + name + " "), name + " missing from:\n" + out);
        }
    }

    @Test
    void shouldHelpWithAnySubcommandThroughHelp()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cmd = Netpipe.commandLine();
        cmd.setOut(new PrintWriter(out));

        assertEquals(ExitCodes.OK, cmd.execute("help", "forward"));
        assertTrue(out.toString().startsWith("Usage: netpipe forward"), out.toString());
    }
}
