package io.netpipe.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code netpipe recv}. */
@Command(name = "recv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
final class RecvCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        return ExitCodes.OK;
    }
}
