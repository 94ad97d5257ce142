package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The version line outside a built jar (the packaged jar's line is checked by the distribution's tests). */
class VersionProviderTest
{
    @Test
    void shouldSayUnknownCommitWhenNotRunFromAJar()
    {
        assertEquals("unknown", VersionProvider.commit());
        final String line = new VersionProvider().getVersion()[0];
        assertTrue(line.startsWith("netpipe (development build) (commit unknown) on Java "), line);
    }
}
