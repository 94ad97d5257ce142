package io.netpipe.socketpipe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netpipe.socketpipe.Children.Role;
import io.netpipe.libc.WaitStatus;

/**
 * The local side's exit status and what it says about the commands that do not decide it: a failing -i or remote
 * command gets a line, a signal is worded alike on both sides, and writers cut off because -o stopped reading early
 * share one line.
 */
final class ExitReport
{
    private static final int SIGNAL_OFFSET = 128;
    private static final int LAST_SIGNAL = 64;
    /** 128 + SIGPIPE. */
    private static final int BROKEN_PIPE_STATUS = 141;

    private final boolean hasInput;
    private final boolean hasOutput;
    private final Consumer<String> warnings;

    ExitReport(final boolean hasInput, final boolean hasOutput, final Consumer<String> warnings)
    {
        this.hasInput = hasInput;
        this.hasOutput = hasOutput;
        this.warnings = warnings;
    }

    /**
     * @param inputOutlivedOutput whether -i still ran when -o ended.
     * @param loginOutlivedOutput whether the login command still ran when -o ended.
     * @return the exit status: the -o command's if given, else the remote command's.
     */
    int status(final Children children, final boolean inputOutlivedOutput, final boolean loginOutlivedOutput)
    {
        final int login = children.status(Role.LOGIN);
        final boolean inputFailed = hasInput && 0 != WaitStatus.exitCode(children.status(Role.INPUT));
        final boolean remoteFailed = 0 != WaitStatus.exitCode(login);
        // -o stopped reading early (head -c 1): a writer still running then is cut off, -i by the shut-down socket,
        // the remote command by the reset (broken pipe, or any failure if -i was still sending too).
        final boolean inputCut = inputFailed && inputOutlivedOutput;
        final boolean remoteCut = remoteFailed && loginOutlivedOutput &&
            (inputOutlivedOutput || BROKEN_PIPE_STATUS == WaitStatus.exitCode(login));
        if (inputCut || remoteCut)
        {
            final List<String> cut = new ArrayList<>();
            if (inputCut)
            {
                cut.add("the input command (" + WaitStatus.describe(children.status(Role.INPUT)) + ")");
            }
            if (remoteCut)
            {
                cut.add("the remote command (" + describeThroughLogin(login) + ")");
            }
            warnings.accept("the output command ended before the data did, so " + String.join(" and ", cut) +
                (1 == cut.size() ? " was" : " were") + " cut off");
        }
        if (inputFailed && !inputCut)
        {
            warnings.accept("the input command failed with " + WaitStatus.describe(children.status(Role.INPUT)));
        }
        if (!hasOutput)
        {
            return WaitStatus.exitCode(login);
        }
        if (remoteFailed && !remoteCut)
        {
            warnings.accept("the remote command failed with " + describeThroughLogin(login) + " (through the login command)");
        }
        return WaitStatus.exitCode(children.status(Role.OUTPUT));
    }

    /**
     * @return the remote command's status as {@link WaitStatus#describe} words a local one: the server instance
     *     exits with 128+N for signal N and the login command passes that on as an exit status, so 129 to 192
     *     read as the signal, e.g. {@code signal 15 (exit status 143)}.
     */
    static String describeThroughLogin(final int status)
    {
        final int code = WaitStatus.exitCode(status);
        if (0 == WaitStatus.termSignal(status) && code > SIGNAL_OFFSET && code <= SIGNAL_OFFSET + LAST_SIGNAL)
        {
            return "signal " + (code - SIGNAL_OFFSET) + " (exit status " + code + ")";
        }
        return WaitStatus.describe(status);
    }
}
