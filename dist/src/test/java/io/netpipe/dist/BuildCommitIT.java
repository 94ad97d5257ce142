package io.netpipe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The build's commit stamp outside a git checkout: sources from a tarball still build, and say so. */
class BuildCommitIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void shouldStampUnknownOutsideAGitCheckout() throws Exception
    {
        final Path root = Shell.dist().toAbsolutePath().getParent().getParent();
        final Path script = Files.copy(root.resolve("cli/src/build/commit.sh"), dir.resolve("commit.sh"));
        final Path manifest = dir.resolve("out/build-commit.mf");
        // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temporary directory.
        final Shell.Result result = Shell.run(List.of("bash", script.toString(), manifest.toString()),
            Map.of("PATH", "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES", dir.getParent().toString()), dir);
        assertEquals(0, result.status(), result.output());
        assertEquals("Build-Commit: unknown\n", Files.readString(manifest));
    }
}
