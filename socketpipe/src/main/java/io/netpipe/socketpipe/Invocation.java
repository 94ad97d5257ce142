package io.netpipe.socketpipe;

import java.time.Duration;
import java.util.List;

/** What a socketpipe command line asks for: the local side of a pipe, or the server instance on the remote host. */
public sealed interface Invocation
{
    /**
     * The local side: {@code [-b] [-h ADDR] [-f HOST] [-t DUR] [-i { cmd }] -l { login } -r { cmd } [-o { cmd }]}.
     *
     * @param input         the -i command (its stdout is the socket), empty if not given.
     * @param login         the -l command that starts the server instance on the remote host.
     * @param remote        the -r command, run on the remote host with the socket as stdin and stdout.
     * @param output        the -o command (its stdin is the socket), empty if not given.
     * @param batch         -b: the login command gets /dev/null as stdin and no stdout.
     * @param connectBack   -h: the address the remote side connects back to, or null to find it.
     * @param from          -f: the host the connection back must come from (a name or address), {@link #ANY_HOST}
     *                      for any, or null to work it out from the login command (see {@link PeerCheck}).
     * @param acceptTimeout -t: how long to wait for the remote side to connect back; zero for no limit.
     */
    record Client(List<String> input, List<String> login, List<String> remote, List<String> output, boolean batch,
        String connectBack, String from, Duration acceptTimeout) implements Invocation
    {
        /** The -f value that turns the address check off, leaving only the pairing token. */
        public static final String ANY_HOST = "any";

        /** Copies the lists so the record is immutable. */
        public Client
        {
            input = List.copyOf(input);
            login = List.copyOf(login);
            remote = List.copyOf(remote);
            output = List.copyOf(output);
        }

        /** @return whether an -i command was given. */
        public boolean hasInput()
        {
            return !input.isEmpty();
        }

        /** @return whether an -o command was given. */
        public boolean hasOutput()
        {
            return !output.isEmpty();
        }
    }

    /**
     * The server instance: {@code --serve HOST PORT TOKEN -- WORDS...}, started through the login command.
     *
     * @param host    the address to connect back to, or {@link #FIND_HOST} to take it from {@code SSH_CONNECTION}.
     * @param port    the local side's listening port.
     * @param token   the pairing token, 32 hex digits.
     * @param command the remote command, decoded from its shell-inert form by {@link RemoteWords}.
     */
    record Serve(String host, int port, String token, List<String> command) implements Invocation
    {
        /** The host argument meaning: the client address of the ssh session, else loopback. */
        public static final String FIND_HOST = "-";

        /** Copies the list so the record is immutable. */
        public Serve
        {
            command = List.copyOf(command);
        }
    }
}
