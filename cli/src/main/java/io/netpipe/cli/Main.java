package io.netpipe.cli;

import java.util.List;

/**
 * The jar's entry point. {@code netpipe socketpipe} goes straight to {@link SocketpipeMain}, everything else (and
 * socketpipe's {@code --help} and {@code --version}) to picocli through {@link Netpipe}. A class of its own because
 * the JVM loads the types a class names when it links it: {@link Netpipe} names picocli's, and loading picocli costs
 * each of socketpipe's two short JVM runs about 0.14 s (its Java 5 class files miss the AOT cache).
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command-line arguments.
     */
    public static void main(final String[] args)
    {
        if (args.length > 0 && "socketpipe".equals(args[0]))
        {
            final int code = SocketpipeMain.run(List.of(args).subList(1, args.length));
            if (code >= 0)
            {
                System.exit(code);
            }
        }
        Netpipe.main(args);
    }
}
