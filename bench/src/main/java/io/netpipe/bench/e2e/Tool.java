package io.netpipe.bench.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** One of the tools under comparison: how to start its sender and receivers, and how to read its statistics. */
public sealed interface Tool permits NetpipeTool, UdpcastTool, BlasterTool
{
    /** @return the tool's name in tables, e.g. {@code "netpipe"}. */
    String name();

    /**
     * @param file      the file to send.
     * @param receivers how many receivers must join before the transfer starts.
     * @param mode      multicast or broadcast.
     * @param lab       the lab (for its addresses).
     * @param report    where the sender may write a report of the run (a tool that writes none ignores it).
     * @return the sender's command line, run inside the sender's namespace; the stream goes to its stdout.
     */
    List<String> senderCommand(Path file, int receivers, Mode mode, Lab lab, Path report);

    /**
     * @param mode multicast or broadcast.
     * @return a receiver's command line, run inside a receiver's namespace; it writes the stream to stdout.
     */
    List<String> receiverCommand(Mode mode);

    /**
     * @param senderStderr everything the sender wrote to stderr.
     * @param report       the report path given to {@link #senderCommand}; it may not exist.
     * @return the share of data packets that were retransmissions, in percent, if the sender reported it.
     */
    OptionalDouble retransmittedPercent(String senderStderr, Path report);

    /**
     * @param dataPort the data port the sender sends to.
     * @return the port the sender hears feedback on, whose datagrams the lab counts on the wire; empty for a tool
     *     whose feedback is not counted.
     */
    default OptionalInt feedbackPort(final int dataPort)
    {
        return OptionalInt.empty();
    }

    /** @return whether the receivers write the stream (and their output is checked); the blaster's do not. */
    default boolean deliversStream()
    {
        return true;
    }

    /**
     * @param receiverStderr what one receiver wrote to stderr.
     * @return the share of the stream it received, for a tool that does not repair (the blaster); else empty.
     */
    default OptionalDouble deliveredFraction(final String receiverStderr)
    {
        return OptionalDouble.empty();
    }
}
