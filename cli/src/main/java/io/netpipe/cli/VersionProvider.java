package io.netpipe.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so {@code --version} matches the build that is running. */
final class VersionProvider implements IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String version = Netpipe.class.getPackage().getImplementationVersion();
        return new String[] {"netpipe " + (null == version ? "(development build)" : version) +
            " on Java " + Runtime.version()};
    }
}
