package io.netpipe.cli;

/**
 * Process exit codes of every netpipe subcommand. They are listed in {@code --help} and the README, so a
 * script can tell a lost receiver from a corrupt stream without parsing messages.
 */
public final class ExitCodes
{
    /** Everything asked for was done; for {@code recv}, the whole stream was written and its digest matched. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug): the message says where. */
    public static final int INTERNAL = 1;
    /** Bad command line: unknown option, malformed size, duration, address, port or interface. */
    public static final int USAGE = 2;
    /** {@code send}: one or more receivers were lost (silent past {@code --drop-after}); the others finished. */
    public static final int RECEIVERS_LOST = 3;
    /** {@code recv}: the stream is incomplete (sender gone, receiver dropped) or its digest did not match. */
    public static final int INCOMPLETE = 4;
    /** An I/O error: reading the input, writing the output, or a socket that could not be opened or bound. */
    public static final int IO = 5;
    /** Nothing happened in time: no session found, too few receivers joined, a connection not accepted. */
    public static final int TIMEOUT = 6;
    /** {@code check}: a finding says a transfer would fail (each such finding is a line starting with "fail"). */
    public static final int CHECK_FAILED = 7;

    /**
     * A key file that cannot be used: missing, unreadable, malformed, accessible by group or others, or (for
     * {@code keygen}) existing without {@code --force}.
     */
    public static final int KEY_FILE = 8;

    /** Interrupted (SIGINT or SIGTERM); the other side was told. The shell's 128 + SIGINT. */
    public static final int INTERRUPTED = 130;

    /** The exit-code list shown by {@code --help} on every command. */
    static final String[] HELP_LIST = {
        "0:success",
        "1:internal error",
        "2:usage error (bad option or argument)",
        "3:send: receivers lost (the others finished)",
        "4:recv: stream incomplete or digest mismatch",
        "5:I/O error (input, output or socket)",
        "6:timeout (no session, too few receivers, no connection)",
        "7:check: a finding says a transfer would fail",
        "8:key file missing, unreadable, malformed or open to others",
        "130:interrupted (the other side was told)",
    };

    private ExitCodes()
    {
    }
}
