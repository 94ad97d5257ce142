package io.netpipe.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code netpipe socketpipe}: run commands on two hosts joined by a direct TCP socket. */
@Command(name = "socketpipe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Join a local and a remote command with a direct TCP socket (not implemented yet).")
final class SocketpipeCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        throw new NetpipeException(ExitCodes.USAGE, "socketpipe is not implemented yet");
    }
}
