package io.netpipe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** The test's side of a running {@link Forger}: one command, one answer. */
final class ForgerHandle
{
    private final PrintStream in;
    private final BufferedReader out;

    ForgerHandle(final Process process)
    {
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param command a command line.
     * @return its answer, which must start with {@code ok}.
     */
    String ask(final String command) throws IOException
    {
        in.println(command);
        final String answer = out.readLine();
        if (null == answer || !answer.startsWith("ok"))
        {
            throw new IllegalStateException("forger: " + command + " -> " + answer);
        }
        return answer;
    }

    /**
     * Asks {@code learned} until its answer passes the test.
     *
     * @param test    what the answer must satisfy.
     * @param seconds how long at most.
     * @return the answer.
     */
    String await(final Predicate<String> test, final long seconds) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String answer = ask("learned");
        while (!test.test(answer))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("forger never learned enough: " + answer);
            }
            Thread.sleep(20);
            answer = ask("learned");
        }
        return answer;
    }
}
