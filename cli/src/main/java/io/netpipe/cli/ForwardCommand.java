package io.netpipe.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code netpipe forward}: relay every TCP connection on a port to a backend. */
@Command(name = "forward", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Relay TCP connections to a backend (not implemented yet).")
final class ForwardCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        throw new NetpipeException(ExitCodes.USAGE, "forward is not implemented yet");
    }
}
