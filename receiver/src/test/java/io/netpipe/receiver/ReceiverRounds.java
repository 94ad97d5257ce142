package io.netpipe.receiver;

import java.io.IOException;

/** How the tests drive a receiver on their own thread, one round at a time. */
final class ReceiverRounds
{
    private ReceiverRounds()
    {
    }

    /** One round: the agent works once, then the writer writes what it can (bounded, so a round always ends). */
    static void round(final ReceiverAgent agent, final StreamWriter writer) throws IOException
    {
        agent.doWork();
        for (int i = 0; i < 100 && writer.doWork() > 0; i++)
        {
            // One write per call.
        }
    }
}
