package io.netpipe.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code netpipe send}. */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
final class SendCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        return ExitCodes.OK;
    }
}
