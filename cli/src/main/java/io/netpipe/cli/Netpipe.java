package io.netpipe.cli;

import java.util.LinkedHashMap;
import java.util.List;
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
    description = "Move a byte stream from one machine to many at wire speed.")
public final class Netpipe implements Runnable
{
    /**
     * The subcommands, made only when added: picocli reflects over every option of every command it is given,
     * which costs a short-lived {@code socketpipe --serve} about a tenth of a second it cannot spare.
     */
    private static final List<String> SUBCOMMANDS = List.of("send", "recv", "socketpipe", "forward", "keygen", "check", "help");

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command-line arguments.
     */
    public static void main(final String[] args)
    {
        final boolean one = args.length > 0 && SUBCOMMANDS.contains(args[0]) && !"help".equals(args[0]);
        System.exit((one ? commandLine(args[0]) : commandLine()).execute(args));
    }

    /** @return the configured command line with every subcommand: one-line errors and the exit-code list. */
    public static CommandLine commandLine()
    {
        return commandLine(SUBCOMMANDS.toArray(new String[0]));
    }

    /**
     * @param names the subcommands to model: all for help and mistyped names, else only the one invoked.
     * @return the configured command line: one-line errors and the exit-code list on every subcommand.
     */
    static CommandLine commandLine(final String... names)
    {
        final CommandLine cmd = new CommandLine(new Netpipe());
        for (final String name : names)
        {
            cmd.addSubcommand(name, subcommand(name));
        }
        // "@word" is data here (socketpipe blocks pass words through), never a file of arguments.
        cmd.setExpandAtFiles(false);
        final ExceptionHandler handler = new ExceptionHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExitCodeExceptionMapper(handler);
        final Map<String, String> codes = new LinkedHashMap<>();
        for (final String entry : ExitCodes.HELP_LIST)
        {
            final int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        applyExitCodeList(cmd, codes);
        return cmd;
    }

    private static Object subcommand(final String name)
    {
        return switch (name)
        {
            case "send" -> new SendCommand();
            case "recv" -> new RecvCommand();
            case "socketpipe" -> new SocketpipeCommand();
            case "forward" -> new ForwardCommand();
            case "keygen" -> new KeygenCommand();
            case "check" -> new CheckCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void applyExitCodeList(final CommandLine cmd, final Map<String, String> codes)
    {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        for (final CommandLine sub : cmd.getSubcommands().values())
        {
            applyExitCodeList(sub, codes);
        }
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: send, recv, check, socketpipe or forward");
    }
}
