package io.netpipe.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netpipe.cli.Netpipe;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Generates the documentation the distribution ships from the same picocli model that parses the command line,
 * so an option cannot be added without its man page and completion following: one AsciiDoc man page per command
 * ({@code adoc/netpipe.adoc}, {@code adoc/netpipe-send.adoc}, ..., turned into troff by Asciidoctor in
 * {@code dist.sh}) and one completion script for bash and zsh ({@code completion/netpipe.bash}).
 */
public final class Docs
{
    private Docs()
    {
    }

    /**
     * Run by the build.
     *
     * @param args the output directory and the version to print in the man pages.
     * @throws IOException when a file cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 2)
        {
            throw new IllegalArgumentException("usage: Docs OUTPUT_DIR VERSION");
        }
        final Path out = Path.of(args[0]);
        final CommandLine cmd = Netpipe.commandLine();
        stampVersion(cmd.getCommandSpec(), "netpipe " + args[1]);

        final Path adoc = Files.createDirectories(out.resolve("adoc"));
        final int status = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
            cmd.getCommandSpec());
        if (status != 0)
        {
            throw new IOException("picocli's ManPageGenerator exited " + status);
        }
        final Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("netpipe.bash"), AutoComplete.bash("netpipe", cmd));
    }

    /** The man pages name the release, not the JVM that happened to run the build (as the version provider does). */
    private static void stampVersion(final CommandSpec spec, final String version)
    {
        spec.versionProvider(null);
        spec.version(version);
        for (final CommandLine sub : spec.subcommands().values())
        {
            stampVersion(sub.getCommandSpec(), version);
        }
    }
}
