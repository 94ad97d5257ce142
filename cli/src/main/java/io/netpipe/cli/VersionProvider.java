package io.netpipe.cli;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.jar.Manifest;

import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version and the commit it was built from out of the jar manifest, so {@code --version} names the
 * build that is running: {@code netpipe 0.1.0 (commit 1a2b3c4d5e6f) on Java 25.0.3+9-LTS}.
 */
final class VersionProvider implements IVersionProvider
{
    /** The manifest attribute the build writes the commit to (cli/src/build/commit.sh). */
    static final String COMMIT_ATTRIBUTE = "Build-Commit";

    @Override
    public String[] getVersion()
    {
        final String version = Netpipe.class.getPackage().getImplementationVersion();
        return new String[] {"netpipe " + (null == version ? "(development build)" : version) +
            " (commit " + commit() + ") on Java " + Runtime.version()};
    }

    /** @return the build's commit, or "unknown" when not run from a jar built from a git checkout. */
    static String commit()
    {
        // This class's own jar, not the first META-INF/MANIFEST.MF on the class path, which may be any library's.
        final URL self = VersionProvider.class.getResource("VersionProvider.class");
        if (null == self || !"jar".equals(self.getProtocol()))
        {
            return "unknown";
        }
        try
        {
            final Manifest manifest = ((JarURLConnection)self.openConnection()).getManifest();
            final String commit = null == manifest ? null : manifest.getMainAttributes().getValue(COMMIT_ATTRIBUTE);
            return null == commit || commit.isBlank() ? "unknown" : commit.strip();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }
}
