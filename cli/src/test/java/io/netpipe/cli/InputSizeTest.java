package io.netpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSizeTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMeasureWhatIsLeftOfARegularFile() throws Exception
    {
        final Path file = Files.write(dir.resolve("in"), new byte[1000]);
        try (FileChannel channel = FileChannel.open(file))
        {
            assertEquals(1000, InputSize.of(channel));
            channel.position(400);
            assertEquals(600, InputSize.of(channel));
        }
    }

    @Test
    void shouldNotKnowTheSizeOfAPipe() throws Exception
    {
        final Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink())
        {
            assertEquals(-1, InputSize.of(source));
        }
    }
}
