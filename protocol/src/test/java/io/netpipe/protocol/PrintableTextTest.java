package io.netpipe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTextTest
{
    @Test
    void shouldLeavePlainTextAlone()
    {
        final String name = "lab-rx3 Ünïcode";
        assertSame(name, PrintableText.escape(name));
    }

    @Test
    void shouldEscapeTerminalControlSequences()
    {
        assertEquals("\\x1b[2K\\x0dnetpipe recv: SHA-256 verified\\x07",
            PrintableText.escape("\u001b[2K\rnetpipe recv: SHA-256 verified\u0007"));
    }

    @Test
    void shouldEscapeC1AndBidiOverridesAndTheEscapeCharacterItself()
    {
        assertEquals("a\\x9bb\\u202ec\\\\x41", PrintableText.escape("a\u009bb\u202ec\\x41"));
    }
}
