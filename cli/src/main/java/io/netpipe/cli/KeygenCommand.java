package io.netpipe.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import io.netpipe.protocol.crypto.KeyFile;
import io.netpipe.protocol.crypto.KeyFileException;
import io.netpipe.protocol.crypto.PreSharedKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netpipe keygen}: write a new pre-shared key for {@code --key-file}. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Write a new random 256-bit key to FILE, readable by its owner only (mode 0600), as one line: "
            + "'" + KeyFile.FORMAT + " <base64>'.",
        "Copy it to the sender and every receiver (scp -p keeps the mode) and give both sides --key-file FILE. "
            + "netpipe refuses a key file that its group or others may access.",
    })
final class KeygenCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "The key file to create.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists (atomically).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        try
        {
            KeyFile.write(file, PreSharedKey.generate(new SecureRandom()), force);
        }
        catch (final KeyFileException ex)
        {
            throw new NetpipeException(ExitCodes.KEY_FILE, ex.getMessage());
        }
        spec.commandLine().getErr().println("netpipe keygen: wrote a new key to " + file);
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
