package io.netpipe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code netpipe socketpipe}: run commands on two hosts joined by a direct TCP socket.
 * <p>
 * The blocks are parsed from the raw command line, not by picocli: their words are other programs' arguments
 * ({@code --help}, {@code --}, {@code @file} would otherwise be taken as picocli's own), and {@code -h} is the
 * connect-back address, as in socketpipe 1.10. picocli only has to accept every word; {@code --help} and
 * {@code --version} are recognised as the first word.
 */
@Command(name = "socketpipe", versionProvider = VersionProvider.class, synopsisHeading = "",
    customSynopsis = {
        "Usage: netpipe socketpipe [-b] [-h ADDR] [-f HOST] [-t DUR] [-i { CMD ARGS }]",
        "                          -l { LOGIN ARGS } -r { CMD ARGS } [-o { CMD ARGS }]",
    },
    description = {
        "Join a local and a remote command with a direct TCP socket (zero-copy",
        "remote process plumbing, compatible with socketpipe 1.10). The login",
        "command starts a netpipe server instance on the remote host that connects",
        "back; the socket itself is the stdout of -i, the stdin of -o, and the",
        "stdin and stdout of -r. netpipe copies none of the data.",
        "",
        "Each command is a block: a { word, the command and its arguments, and the",
        "matching } word. Blocks nest: -i { echo { x } } runs echo { x }.",
        "  -i { CMD }    local command writing to the remote command",
        "  -o { CMD }    local command reading from it (give -i, -o or both)",
        "  -l { LOGIN }  runs words on the remote host: { ssh host }, or { env } here",
        "  -r { CMD }    remote command; its words arrive exactly as given",
        "  -b            login command gets /dev/null as stdin, no stdout (use",
        "                with ssh, which sets O_NONBLOCK on a shared stdout)",
        "  -h ADDR       address the remote side connects back to (default: the",
        "                ssh client address from SSH_CONNECTION, else loopback)",
        "  -f HOST       accept the connection back only from HOST, or from any host",
        "                with -f any (default: the hostname that ssh -G prints for",
        "                an ssh login, else this host)",
        "  -t DUR        give up if it has not connected back in DUR (e.g. 30s)",
        "",
        "Exit status: the -o command's if given, else the remote command's (through",
        "the login command); 128+N for signal N. A failing remote or -i command is",
        "reported on stderr. The remote host runs netpipe as $NETPIPE_REMOTE (words",
        "separated by spaces), by default this launcher's absolute path; its shell",
        "serves there without a JVM when it can (NETPIPE_SOCKETPIPE_SERVER=jvm in the",
        "remote environment starts the JVM one).",
    })
final class SocketpipeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    /** picocli must accept every word: they are read back raw from {@link #rawWords()}. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Parameters(hidden = true)
    List<String> positional = new ArrayList<>();

    @Override
    public Integer call()
    {
        final List<String> words = rawWords();
        final PrintWriter out = spec.commandLine().getOut();
        if (SocketpipeMain.asksForHelp(words))
        {
            spec.commandLine().usage(out);
            return ExitCodes.OK;
        }
        if (SocketpipeMain.asksForVersion(words))
        {
            spec.commandLine().printVersionHelp(out);
            return ExitCodes.OK;
        }
        return SocketpipeMain.run(words, spec.commandLine().getErr());
    }

    /**
     * @return the words after {@code socketpipe} exactly as typed: picocli's parse has consumed {@code --} and
     *     expanded {@code @file} words, so they are taken from the original arguments.
     */
    private List<String> rawWords()
    {
        final List<String> original = spec.commandLine().getParseResult().originalArgs();
        final int at = original.indexOf(spec.name());
        if (at < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "give the socketpipe arguments on the command line, not in an @file");
        }
        return List.copyOf(original.subList(at + 1, original.size()));
    }
}
