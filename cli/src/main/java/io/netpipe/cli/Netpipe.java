package io.netpipe.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code netpipe} command: replicate a stream to many hosts, or plumb TCP between processes. */
@Command(
    name = "netpipe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Move a byte stream from one machine to many at wire speed.",
    subcommands = {
        SendCommand.class,
        RecvCommand.class,
        SocketpipeCommand.class,
        ForwardCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Netpipe implements Runnable
{
    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line: one-line errors and the exit-code list on every subcommand. */
    public static CommandLine commandLine()
    {
        final CommandLine cmd = new CommandLine(new Netpipe());
        // "@word" is data here (socketpipe blocks pass words through), never a file of arguments.
        cmd.setExpandAtFiles(false);
        cmd.setExecutionExceptionHandler(new ExceptionHandler());
        cmd.setParameterExceptionHandler(Netpipe::usageError);
        cmd.setExitCodeExceptionMapper(ExceptionHandler::exitCodeOf);
        final Map<String, String> codes = new LinkedHashMap<>();
        for (final String entry : ExitCodes.HELP_LIST)
        {
            final int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        applyExitCodeList(cmd, codes);
        return cmd;
    }

    private static void applyExitCodeList(final CommandLine cmd, final Map<String, String> codes)
    {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        for (final CommandLine sub : cmd.getSubcommands().values())
        {
            applyExitCodeList(sub, codes);
        }
    }

    private static int usageError(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        final String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: send, recv, socketpipe or forward");
    }
}
